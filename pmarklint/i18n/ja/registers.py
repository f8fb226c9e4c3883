"""日本語: 記録簿の検査(PML7xx: 事故など)のメッセージと値の言葉。"""

MESSAGES = {
    # PML701
    "PML701.due": "審査機関への確報は発覚日 {start} から {within}以内、{deadline} までに必要です(今日は {today}): 報告して reports.pmark.final_on に日付を記録してください",
    "PML701.overdue": "審査機関への確報は発覚日 {start} から {within}以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに報告して reports.pmark.final_on に日付を記録してください",
    "PML701.late": "審査機関への確報は {done} で、期限 {deadline}(発覚日 {start} から {within})を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML702
    "PML702.due": "審査機関への速報が必要です({triggers})。発覚日 {start} から {within}以内、{deadline} までです(今日は {today}): 報告して reports.pmark.preliminary_on に日付を記録してください",
    "PML702.overdue": "審査機関への速報が必要でした({triggers})。発覚日 {start} から {within}以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに報告して reports.pmark.preliminary_on に日付を記録してください",
    "PML702.late": "審査機関への速報({triggers})は {done} で、期限 {deadline}(発覚日 {start} から {within})を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML703
    "PML703.due": "個人情報保護委員会への速報は発覚日 {start} から {within}以内、{deadline} までに必要です(今日は {today}): 報告して reports.ppc.preliminary_on に日付を記録してください",
    "PML703.overdue": "個人情報保護委員会への速報は発覚日 {start} から {within}以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに報告して reports.ppc.preliminary_on に日付を記録してください",
    "PML703.late": "個人情報保護委員会への速報は {done} で、期限 {deadline}(発覚日 {start} から {within})を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML704
    "PML704.due": "個人情報保護委員会への確報は発覚日 {start} から {within}以内、{deadline} までに必要です(今日は {today}): 報告して reports.ppc.final_on に日付を記録してください",
    "PML704.overdue": "個人情報保護委員会への確報は発覚日 {start} から {within}以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに報告して reports.ppc.final_on に日付を記録してください",
    "PML704.late": "個人情報保護委員会への確報は {done} で、期限 {deadline}(発覚日 {start} から {within})を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML705
    "PML705.undecided": "記録された事実({triggers})からは個人情報保護委員会への報告対象に見えますが、reports.ppc.required が記録されていません: 法令上の報告義務の有無を判断し、true か false を記録してください",
    # PML706
    "PML706.missing": "確報は {final} に提出されましたが、再発防止策(是正処置)が記録されていません: 再発を防ぐ是正処置を prevention に記録してください",
    # PML707
    "PML707.due": "この請求への回答は受付日 {start} から {within}以内、{deadline} までです(今日は {today}): 回答して responded_on を記録してください",
    "PML707.overdue": "この請求への回答は受付日 {start} から {within}以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに回答して responded_on を記録してください",
    "PML707.late": "この請求への回答は {done} で、社内基準の受付日 {start} から {within}({deadline} まで)を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML708
    "PML708.missing": "{responded} に回答しましたが、本人確認(identity_check.on)の記録がありません: 回答の前に本人確認を行い、方法と日付を記録してください",
    "PML708.after": "本人確認は {checked} で、回答の {responded} より後です: 本人確認は回答の前に行います",
    # PML709
    "PML709.missing": "決定が「{decision}」なのに理由がありません: 本人に理由を説明する必要があります(reason に記録してください)",
    # PML710
    "PML710.not_retained": "{id}({file})が保有個人データ(retained_personal_data: true)として記録されていません: 開示等の請求の対象は保有個人データです。台帳か請求の記録を直してください",
    "request_decision.partial": "一部開示等",
    "request_decision.refused": "不開示等",
    "trail.kind.request": "開示等の請求",
    # 速報が必要な理由、法令上の報告対象に見える理由
    "incident_trigger.sensitive": "要配慮個人情報",
    "incident_trigger.financial_risk": "財産的被害のおそれ",
    "incident_trigger.malicious": "不正の目的",
    "incident_trigger.many_people": "1,000人超",
    "incident_trigger.my_number": "マイナンバー100人超",
    # 証跡(trail)での記録簿の種類の言葉
    "trail.kind.incident": "事故",
    # PML711
    "PML711.missing": "{year}年度({start} から {deadline} まで)の緊急事態への準備の訓練の記録がありません(今日は {today})。その前の訓練は {last} です: 訓練は毎年度行い、drills/ に記録してください",
    "PML711.soon": "{year}年度({start} から)の緊急事態への準備の訓練がまだ記録されていません。年度は {deadline} に終わります(今日は {today})。前回の訓練は {last} です: 年度内に訓練を行い、drills/ に記録してください",
    "PML711.none": "緊急事態への準備の訓練の記録がありません。{year}年度({start} から)は {deadline} に終わります(今日は {today}): 年度内に訓練を行い、drills/ に記録してください(手順で別の間隔を定めているときは drills.yearly: false)",
    # PML712
    "PML712.due": "この苦情・相談への回答は受付日 {start} から {within} 以内、{deadline} までです(今日は {today}): 回答して responded_on を記録してください",
    "PML712.overdue": "この苦情・相談への回答は受付日 {start} から {within} 以内、{deadline} までに必要でしたが、記録がありません(今日は {today}): 直ちに回答して responded_on を記録してください",
    "PML712.late": "この苦情・相談への回答は {done} で、社内基準の受付日 {start} から {within}({deadline} まで)を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML713
    "PML713.due": "この苦情・相談は受付日 {start} から {within} 以内、{deadline} までに完了する必要があります(今日は {today}): 対応を終えて closed_on を記録してください",
    "PML713.overdue": "この苦情・相談は受付日 {start} から {within} 以内、{deadline} までに完了する必要がありましたが、未完了です(今日は {today}): 対応を終えて closed_on を記録してください",
    "PML713.late": "この苦情・相談の完了は {done} で、受付日 {start} から {within}({deadline} まで)を過ぎていました(今日は {today}): 遅れた理由を notes に記録してください",
    # PML714
    "PML714.missing": "{received} に受け付けたこの苦情・相談は事故の疑いですが、事故の記録が示されていません: 事故(kind: incident)を記録し、その ID を `incident` に書いてください",
    # PML715
    "PML715.missing": "{received} に受け付けたこの苦情・相談は本人からの開示等の請求ですが、請求の記録が示されていません: 開示等の請求(kind: request)を記録し、その ID を `request` に書いてください",
    # PML716
    "PML716.missing": "{date} の廃棄は委託先 {contractor} が行いましたが、廃棄証明書が記録されていません: 証明書をリポジトリに追加(git add)し、certificate にそのパスを書いてください",
    "PML716.untracked": "廃棄証明書 '{target}' は、このリポジトリで git が管理しているファイルではありません: 追加(git add)するか、パスを直してください",
    "PML716.outside": "廃棄証明書 '{target}' はリポジトリの外にあります(またはリポジトリの外を指すシンボリックリンクです): 証明書そのものをリポジトリに置いてください",
    # PML717
    "PML717.missing": "この個人情報は {retired_on} に廃止されましたが、これを対象とする廃棄記録(kind: disposal)がありません: 廃棄方法({method})に従って廃棄した日、方法、実施者を disposals/ に記録してください",
    "PML717.no_method": "この個人情報は {retired_on} に廃止されましたが、これを対象とする廃棄記録(kind: disposal)がありません: 廃棄した日、方法、実施者を disposals/ に記録してください",
    "PML201.incident": "ID が '{id}' の事故(kind: incident)がありません: 事故を記録するか、ID を直してください",
    "PML201.request": "ID が '{id}' の開示等の請求(kind: request)がありません: 請求を記録するか、ID を直してください",
    # 訓練、苦情・相談、廃棄記録の変更履歴での呼び方
    "trail.kind.drill": "緊急事態への準備の訓練",
    "trail.kind.complaint": "苦情・相談",
    "trail.kind.disposal": "廃棄記録",
    # PML750
    "PML750.none": "{item} は「{control_status}」ですが、{year}年度({start}〜{end})にも前年度にも{record_kind}の記録がありません(今日は {today}): 記録を {folder} に追加するか、状況(status)を一部対応(partial)か未対応(gap)に直してください",
    "PML750.soon": "{item} は「{control_status}」ですが、{year}年度({start}〜{end})の{record_kind}の記録がまだありません(前年度の最後は {last}、今日は {today}): 年度末の {end} までに実施して {folder} に記録するか、状況(status)を直してください",
}

RULE_DOCS = {
    "PML701": {
        "title": "審査機関への事故の確報が遅れている、またはない",
        "what": "発覚日(discovered_on)から incident.pmark_final_within(既定 P30D)以内、不正の目的によるものは "
        "incident.pmark_final_within_malicious(既定 P60D)以内に確報(reports.pmark.final_on)がない事故を報告します。"
        "期限までは注意(警告)として知らせます。",
        "why": "プライバシーマーク制度では、すべての事故等について発覚から30日以内(不正の目的によるものは60日以内)に"
        "審査機関へ確報が必要です。法令より範囲が広く、暗号化したノートPCの紛失も報告対象です(J.4.4.2)。",
        "fix": "審査機関へ確報を提出し、その日を reports.pmark.final_on に記録してください。",
    },
    "PML702": {
        "title": "審査機関への事故の速報が遅れている、またはない",
        "what": "要配慮個人情報、財産的被害のおそれ、不正の目的、1,000人超、マイナンバー100人超のいずれかに当たる事故で、"
        "発覚日から incident.pmark_preliminary_within(既定 P5D)以内に速報(reports.pmark.preliminary_on)がないものを報告します。",
        "why": "これらの事故では、確報の前に発覚から数日以内の速報を審査機関が求めています(J.4.4.2)。",
        "fix": "速報を提出し、その日を reports.pmark.preliminary_on に記録してください。",
    },
    "PML703": {
        "title": "個人情報保護委員会への速報が遅れている、またはない",
        "what": "reports.ppc.required の事故で、発覚日から incident.ppc_preliminary_within(既定 P5D)以内に"
        "速報(reports.ppc.preliminary_on)がないものを報告します。",
        "why": "法令は、報告対象事態について個人情報保護委員会への速やかな速報(おおむね3〜5日)を求めています。",
        "fix": "委員会へ報告し、その日を reports.ppc.preliminary_on に記録してください。",
    },
    "PML704": {
        "title": "個人情報保護委員会への確報が遅れている、またはない",
        "what": "reports.ppc.required の事故で、発覚日から incident.ppc_final_within(既定 P30D)以内、不正の目的に"
        "よるものは incident.ppc_final_within_malicious(既定 P60D)以内に確報(reports.ppc.final_on)がないものを報告します。",
        "why": "法令は、発覚から30日以内(不正の目的によるものは60日以内)に委員会への確報を求めています。",
        "fix": "委員会へ確報を提出し、その日を reports.ppc.final_on に記録してください。",
    },
    "PML705": {
        "title": "委員会への報告対象に見えるのに判断が記録されていない事故",
        "what": "要配慮個人情報、財産的被害のおそれ、不正の目的、1,000人超のいずれかに当たり暗号化もされていない事故で、"
        "reports.ppc.required が記録されていないものを警告します。",
        "why": "法令上の報告義務の有無は個人情報保護管理者が判断して記録するものです。どこにも報告されない事故は法令違反です。",
        "fix": "reports.ppc.required に true(報告する)か false(理由を notes に)を記録してください。",
    },
    "PML706": {
        "title": "確報の後に再発防止策のない事故",
        "what": "確報(reports.pmark.final_on)を提出したのに prevention に是正処置がない事故を報告します。",
        "why": "確報には再発防止策を書きます。その実施は是正処置として管理します(J.4.4.2、J.7.1)。",
        "fix": "是正処置(kind: corrective、source: incident)を記録し、その ID を prevention に書いてください。",
    },
    "PML707": {
        "title": "開示等の請求に社内基準の期限内に回答していない",
        "what": "取下げでない請求で、受付日(received_on)から requests.respond_within(既定 P14D)以内に回答日"
        "(responded_on)がないもの、またはそれより後に回答したものを報告します。期限までは注意(警告)として知らせます。",
        "why": "法令は「遅滞なく」回答することを求め、その基準は事業者が定めます。審査では請求ごとに社内基準と比べます(J.10)。",
        "fix": "回答して responded_on を記録してください。社内基準は requests.respond_within に設定します。",
    },
    "PML708": {
        "title": "本人確認をせずに回答した請求",
        "what": "回答した(responded_on)のに identity_check.on がない、または回答より後に本人確認をした請求を報告します。",
        "why": "本人でない人に開示すればそれ自体が漏えいです。本人確認は回答の前に行います(J.10)。",
        "fix": "identity_check: {method, on} を、回答日以前の日付で記録してください。",
    },
    "PML709": {
        "title": "理由のない一部開示・不開示の決定",
        "what": "決定(decision)が partial または refused で、理由(reason)のない請求を報告します。",
        "why": "請求に全部は応じないとき、本人にその理由を説明する必要があります(J.10)。",
        "fix": "本人に説明した理由を reason に記録してください。",
    },
    "PML710": {
        "title": "保有個人データとして記録されていない個人情報への請求",
        "what": "retained_personal_data: true でない台帳のエントリを対象とする請求を報告します。",
        "why": "開示・訂正・利用停止等の請求の対象は保有個人データです。どれが保有個人データかを台帳に示します(J.10、J.3.1.1)。",
        "fix": "台帳のエントリに retained_personal_data: true を記録するか、請求の inventory を直してください。",
    },
    "PML711": {
        "title": "緊急事態への準備の訓練をしていない年度",
        "what": "訓練(kind: drill)の記録がある最初の年度から、訓練のないまま終わった年度を報告します。今年度に訓練の記録がなければ、"
        "年度末の前に注意(警告)として知らせます。drills.yearly: false で検査を止められます。",
        "why": "緊急事態への準備には訓練が含まれます。審査では少なくとも年1回の訓練とその教訓、連絡網の見直しを確認します(J.4.4.2)。",
        "fix": "訓練を行い、drills/ に記録してください(実施日、想定、参加者、教訓)。",
    },
    "PML712": {
        "title": "苦情・相談に社内基準の期限内に回答していない",
        "what": "受付日(received_on)から complaints.respond_within(既定 P14D)以内に回答日(responded_on)がない、"
        "またはそれより後に回答した苦情・相談を報告します。期限までは注意(警告)として知らせます。",
        "why": "苦情・相談には社内で定めた基準で対応します。審査では苦情ごとに社内基準と比べます(J.11)。",
        "fix": "回答して responded_on を記録してください。社内基準は complaints.respond_within に設定します。",
    },
    "PML713": {
        "title": "期限を過ぎても完了していない苦情・相談",
        "what": "受付日(received_on)から complaints.close_within(既定 P30D)以内に完了日(closed_on)がない、"
        "またはそれより後に完了した苦情・相談を報告します。期限までは注意(警告)として知らせます。",
        "why": "完了していない苦情は対応していない苦情です。対応の件数はマネジメントレビューのインプットになります(J.11、J.6.3)。",
        "fix": "対応を終えて closed_on を記録してください。社内基準は complaints.close_within に設定します。",
    },
    "PML714": {
        "title": "事故の記録のない、事故の疑いのある苦情・相談",
        "what": "区分(category)が suspected_incident で、事故(incident)を示していない苦情・相談を報告します。",
        "why": "事故の疑いがある苦情は、報告とその期限を含めて事故として扱います(J.11、J.4.4.2)。",
        "fix": "事故(kind: incident)を記録し、その ID を苦情・相談の incident に書いてください。",
    },
    "PML715": {
        "title": "請求の記録のない、開示等の請求にあたる苦情・相談",
        "what": "区分(category)が request で、開示等の請求(request)を示していない苦情・相談を報告します。",
        "why": "開示・訂正・利用停止等の求めは、回答期限と本人確認を含めて開示等の請求として扱います(J.11、J.10)。",
        "fix": "開示等の請求(kind: request)を記録し、その ID を苦情・相談の request に書いてください。",
    },
    "PML716": {
        "title": "廃棄証明書のない委託先による廃棄",
        "what": "委託先(contractor)のある廃棄記録で、廃棄証明書(certificate)がない、またはリポジトリで git が管理しているファイルでない"
        "(リポジトリの外にある、外を指すシンボリックリンクである)ものを報告します。",
        "why": "委託先が個人情報を廃棄したときは、廃棄証明書がその証拠です(J.9)。",
        "fix": "委託先の廃棄証明書をリポジトリに追加(git add)し、certificate にそのパスを書いてください。",
    },
    "PML717": {
        "title": "廃棄記録のない、廃止した個人情報",
        "what": "今日までに廃止(status: retired)した台帳のエントリで、今日までの日付の廃棄記録(kind: disposal)が対象としていないものを報告します。",
        "why": "利用しなくなった個人情報は台帳に定めた方法で廃棄し、その記録を残します(J.9)。",
        "fix": "廃棄を disposals/ に記録してください(実施日、対象、媒体、方法、実施者、立会者)。",
    },
    "PML750": {
        "title": "記録のない「適合」「一部対応」の管理策",
        "what": "状況(status)が fit(適合)か partial(一部対応)の管理策で、毎年度作る記録(教育、内部監査の計画と報告、マネジメントレビュー、"
        "年間計画、運用の確認、緊急事態への準備の訓練、リスク分析の見直し。docs/evidence.md の対応表)が今年度にないものを報告します。"
        "前年度に記録があれば、年度末が近づいて(review.warn_within)から報告します。事故、開示等の請求、苦情、是正処置、廃棄の記録は、"
        "起きたときに作るものなので求めません。リポジトリにその種類の記録が一つもないときも求めません"
        "(記録は別の場所にあり、records[].evidence が示すものとみなします)。",
        "why": "審査では「適合」とした項目ごとに、運用している証拠の記録を確認します。今年度の記録がないのに「適合」とした対応表は、"
        "審査で最初に崩れます。",
        "fix": "今年度の記録を追加してください(例: 内部監査報告を audits/ に)。まだ運用していないなら、状況を partial か gap に直してください。",
    },
}
