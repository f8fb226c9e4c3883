"""日本語: 従業者名簿とPDCAの記録のチェック(PML6xx)、および値を表す語(``employment.*``、``topic.*`` など)。
対応する英語は en/records.py。"""

MESSAGES = {
    "list.separator": "、",
    "expect.month_day": 'MM-DD 形式の月日(例: "04-01"、日は28日まで)',
    # the roles rules.py does not name yet, in the words of the reports (report.role.*)
    "role.department_manager": "部門管理者",
    "role.education_lead": "教育責任者",
    "role.complaints_desk": "苦情相談窓口",
    "role.secretariat": "事務局",
    "role.application_contact": "Pマーク申請担当者",
    "role.sysadmin": "システム管理者",
    "role.entry_manager": "入退室管理責任者",
    "employment.officer": "役員",
    "employment.regular": "正社員",
    "employment.contract": "契約社員",
    "employment.part_time": "パート",
    "employment.dispatched": "派遣",
    # PML601
    "PML601.left": "{name} は {left} に退職していますが、{role} の役割が残っています。後任を任命し、この人の役割を外してください",
    # PML602
    "PML602.after_left": "{name} の承認の日付 {date} は退職日({left})以降です。在籍している人が承認してください",
    "topic.policy": "個人情報保護方針",
    "topic.importance": "PMSに適合することの重要性及び利点",
    "topic.roles": "PMSに適合するための役割及び責任",
    "topic.consequences": "PMSに違反した際に予想される結果",
    "training_type.regular": "定期教育",
    "training_type.onboarding": "入社時教育",
    "training_type.role": "役職者・役割別の教育",
    "training_type.special": "特別教育",
    # PML629
    "PML629.disagrees": "「{task}」の last_done は {written} ですが、最新の{record_kind}の記録 {record} は {day} です。記録が実施を示すので last_done を削除するか、記録を直してください",
    # PML603
    "PML603.missed": "{name} は {year}年度(期限 {due})に定期教育を修了していません。最後の修了は {last} の {training} です。教育を実施し、training/ に記録してください",
    "PML603.missed_never": "{name} は {year}年度(期限 {due})に定期教育を修了しておらず、修了の記録もありません。教育を実施し、training/ に記録してください",
    "PML603.soon": "{name} は {year}年度の定期教育をまだ修了していません。期限は {due} です",
    "PML603.interval": "{name} の最後の定期教育の修了は {last} の {training} です。間隔が{every}のため期限は {due} です",
    "PML603.interval_never": "{name} は {since} 以降、定期教育を修了していません。間隔が{every}のため期限は {due} です",
    # PML604
    "PML604.never": "{name} は {joined} に入社しましたが、教育を受けていません。入社時教育の期限は入社から{within}、{due} でした",
    "PML604.late": "{name} は {joined} に入社し、最初の教育は {first}({training})で、期限 {due}(入社から{within})を過ぎていました。新しい従業者は期限内に教育してください",
    # PML605
    "PML605.missing": "この定期教育は J.4.3 の4項目のうち {count} 項目を扱っていません: {topics}。教育の内容と topics に加えてください",
    # PML606
    "PML606.passed_below": "{name} は {score} 点で合格点 {pass_mark} 点に届いていないのに合格(passed: true)になっています: passed か点数を直してください",
    "PML606.failed_above": "{name} は {score} 点で合格点 {pass_mark} 点以上なのに不合格(passed: false)になっています: passed か点数を直してください",
    # PML607
    "PML607.overdue": "{name} は {date} の「{title}」を欠席し、フォローの期限 {due} を過ぎましたが、その後の受講の記録がありません。補講を実施して記録してください",
    # PML608
    "PML608.overdue": "この是正処置は未完了のまま期限 {due} を過ぎています(責任者: {owner})。完了させて done_on を記録するか、新しい期限とその理由を記録してください",
    # PML609
    "PML609.missing": "根本原因(root_cause)が記録されていません。原因を取り除かないと不適合が再発します。責任者: {owner}",
    # PML610
    "PML610.never": "処置は {done} に完了しましたが、{within}以内({deadline} まで)に有効性を確認していません。確認して effectiveness を記録してください",
    "PML610.late": "処置は {done} に完了し、有効性の確認は {checked} で、期限 {deadline}(完了から{within})を過ぎていました。期限内に確認してください",
    "criterion.conformity": "適合状況監査",
    "criterion.operation": "運用状況監査",
    "check_result.conforming": "問題なし",
    "check_result.issues_found": "問題あり",
    "corrective_source.audit": "内部監査",
    "corrective_source.operation_check": "運用の確認",
    "corrective_source.review": "マネジメントレビュー",
    "corrective_source.incident": "事故",
    "corrective_source.complaint": "苦情・相談",
    "corrective_source.external_audit": "審査機関の審査",
    "corrective_source.other": "その他",
    "PML201.audit_plan": "ID '{id}' の内部監査計画(kind: audit_plan)がありません。追加するか、IDを直してください",
    "PML201.corrective": "ID '{id}' の是正処置(kind: corrective)がありません。是正処置を記録するか、IDを直してください",
    # PML611
    "PML611.no_ref": "この是正処置は{source}によるものですが、どの記録か(source_ref)が書かれていません。記録のIDを書いてください",
    "PML611.unknown": "source_ref '{id}' は{source}の記録ではありません: IDを直してください",
    "PML611.no_back": "記録 '{id}'({file})にこの是正処置のIDがありません。その記録の側にも書いてください(corrective: ...)",
    # PML612
    "PML612.out_of_scope": "{year}年度の内部監査計画の対象から外れている部門があります: {departments}。全部門を対象にしてください",
    "PML612.missed": "部門 {department} は {year}年度({end} まで)に監査されていません(監査報告がありません)。監査して報告を記録してください",
    "PML612.soon": "部門 {department} は {year}年度の監査がまだです。年度末は {end} です",
    # PML613
    "PML613.own": "{name} は部門 {department} の所属なので、この部門を監査できません。別の監査員を割り当ててください",
    # PML614
    "PML614.unqualified": "{name} は内部監査員(internal_auditor)でも個人情報保護監査責任者(audit_lead)でもありません。先に内部監査員に任命する(people/ の roles)か、別の監査員にしてください",
    # PML615
    "PML615.manager": "個人情報保護監査責任者 {name} が個人情報保護管理者を兼ねています。監査は監査対象から独立している必要があります。トップマネジメントが別の監査責任者を任命してください",
    # PML616
    "PML616.missing": "{year}年度の内部監査で{criteria}を行っていません。適合状況監査と運用状況監査の両方を計画してください",
    # PML617
    "PML617.missing": "不適合 {finding} に是正処置がありません: corrective/ に記録し、そのIDをここに書いてください(corrective: ...)",
    # PML618
    "PML618.missing": "{date} の監査をトップマネジメントに報告していません(reported_to_top_management)。期限は {within}以内、{due} でした",
    "review_input.previous_actions": "前回までのマネジメントレビューの結果とった処置の状況",
    "review_input.issues_changes": "外部及び内部の課題の変化",
    "review_input.nonconformities": "不適合及び是正処置",
    "review_input.operation_checks": "運用の確認の結果",
    "review_input.audit_results": "監査結果",
    "review_input.objectives": "個人情報保護目的の達成度",
    "review_input.feedback": "利害関係者からのフィードバック(苦情を含む)",
    "review_input.risk_assessment": "リスクアセスメントの結果及びリスク対応計画の状況",
    "review_input.improvement_opportunities": "継続的改善の機会",
    "review_input.law_changes": "法令、国が定める指針その他の規範の改正状況",
    "review_input.improvements": "継続的改善の機会に関する決定",
    "review_input.pms_changes": "PMSのあらゆる変更の必要性に関する決定",
    "review_input.resources": "資源の必要性",
    # PML619
    "PML619.missing": "{year}年度({end} まで)にマネジメントレビューを実施していません(それより前の最後の実施は {last} のこの記録です)。年度ごとに実施してください",
    "PML619.soon": "{year}年度のマネジメントレビューはまだです。年度末は {end}、前回は {last} でした",
    # PML620
    "PML620.absent": "{date} のマネジメントレビューの出席者にトップマネジメントがいません。トップマネジメントが出席し、アウトプットを決定します",
    # PML621
    "PML621.missing": "必要なインプットのうち {count} 項目に内容も文書もありません: {inputs}。各項目に報告した内容を書いてください",
    # PML622
    "PML622.missing": "アウトプットのうち {count} 項目が記録されていません: {inputs}。トップマネジメントの決定(または不要とした旨)を記録してください",
    # PML623
    "PML623.open": "処置 {action}(担当: {owner})は、次のマネジメントレビュー {review}({date})までに完了も繰越もされていません: done_on を記録するか、そのマネジメントレビューに引き継いでください(carried_from: {action})",
    "activity.training": "教育",
    "activity.internal_audit": "内部監査",
    "activity.management_review": "マネジメントレビュー",
    "activity.operation_check": "運用の確認",
    "activity.inventory_review": "個人情報管理台帳の見直し",
    "activity.risk_assessment": "リスクアセスメント",
    "activity.contractor_evaluation": "委託先の評価",
    "activity.law_review": "法令等の見直し",
    "activity.drill": "緊急事態への準備の訓練",
    "activity.policy_review": "個人情報保護方針の見直し",
    "expect.month": "YYYY-MM 形式の月(例: 2026-06)",
    # PML624
    "PML624.none": "{year}年度の年間計画に承認がありません。年度の開始({start})の前に承認します",
    "PML624.late": "{year}年度の年間計画の承認は {date} で、年度の開始({start})より前ではありません。次の年度の計画は開始前に承認してください",
    # PML625
    "PML625.missing": "{year}年度の年間計画に{activity}の予定がありません。追加してください(items: activity, month)",
    # PML626
    "PML626.overdue": "{month} に予定した{activity}(担当: {owner})に実施日(done_on)がありません。実施して日付を記録するか、予定月を変えて理由を書いてください",
    # PML627
    "PML627.none": "{done} に実施した{activity}に記録(record)が示されていません。実施を示す記録のIDを書いてください",
    "PML627.kind": "記録 '{id}' は{activity}の記録ではありません。対応する記録のIDを書いてください",
    # PML628
    "PML628.overdue": "部門 {department} の運用の確認は {last} が最後です。間隔が{every}のため期限は {due} です。確認して operation-checks/ に記録してください",
    "PML628.never": "部門 {department} の運用の確認の記録がありません。記録は {first} から始まっており、間隔が{every}のため期限は {due} でした",
    # the trail's words for the kinds of the records
    "trail.kind.training": "教育",
    "trail.kind.corrective": "是正処置",
    "trail.kind.audit_plan": "内部監査計画",
    "trail.kind.audit_report": "内部監査報告",
    "trail.kind.review": "マネジメントレビュー",
    "trail.kind.plan": "年間計画",
    "trail.kind.operation_check": "運用の確認",
}

RULE_DOCS = {
    "PML601": {
        "title": "退職した人に PMS の役割が残っている",
        "what": "退職日(left)を過ぎた人に PMS の役割(roles)が残っていると警告します。",
        "why": "退職した人の役割は実際には空席で、PMS の運用、監査、教育をする人がいません(J.2.3.2)。トップマネジメントが"
        "後任を任命します。個人情報保護管理者の交代は審査機関への変更報告も必要です。",
        "fix": "役割を後任に移し、退職した人からは外してください(記録のため、その人は left を書いたまま残します)。",
    },
    "PML602": {
        "title": "退職後の日付の承認",
        "what": "承認した人の退職日(left)以降の日付の承認を報告します。",
        "why": "在籍中に行った承認は有効なままですが、退職後は組織として承認できません(J.2.3.1)。",
        "fix": "在籍していて承認できる役割を持つ人が承認してください(pmarklint sign)。",
    },
    "PML603": {
        "title": "定期教育の期限切れ",
        "what": "在籍した年度(年度の開始前に入社し、年度末に在籍)に定期教育(type: regular)を修了していない従業者を報告します。"
        "当年度の終わりが警告期間に入ってもまだ修了していない人は警告します。training.every を設定した場合は、最後の修了から"
        "その間隔で判定します。教育の記録がある最初の年度から判定し、教育の記録が一つもなければ判定しません"
        "(管理策の定期作業 PML306 は引き続き判定します)。",
        "why": "役員、正社員、契約社員、パート、派遣を含むすべての従業者に、少なくとも年1回教育を行います(J.4.3)。審査では"
        "受講者一覧と従業者名簿を突き合わせます。",
        "fix": "その人に教育を実施し(補講で定期教育を修了すれば足ります)、受講を training/ に記録してください。",
    },
    "PML604": {
        "title": "入社時教育の未実施",
        "what": "入社日(joined)から training.onboarding_within(既定 P1M)以内に入社時教育または定期教育を修了していない人を報告します。",
        "why": "新しい従業者も最初の週から個人情報を扱います。入社時の教育は審査で確認されます(J.4.3)。",
        "fix": "期限内に教育し、記録してください(type: onboarding)。",
    },
    "PML605": {
        "title": "定期教育が4項目を扱っていない",
        "what": "topics に個人情報保護方針(policy)、重要性及び利点(importance)、役割及び責任(roles)、違反した際に予想される結果"
        "(consequences)のいずれかが無い定期教育を報告します。",
        "why": "J.4.3 は、個人情報保護方針、PMSに適合することの重要性及び利点、役割及び責任、違反した際に予想される結果の"
        "4点を従業者に認識させることを求めています。",
        "fix": "教育で4項目を扱い、topics に書いてください。",
    },
    "PML606": {
        "title": "理解度確認の結果が合格点と合わない",
        "what": "点数(score)と合格点(pass_mark)から見て合否(passed)が合わない受講者を報告します。",
        "why": "理解度確認は結果に矛盾がないときにだけ証拠になります。合格点未満の合格は審査で真っ先に指摘されます。",
        "fix": "passed か点数を直してください。不合格なら再教育してください。",
    },
    "PML607": {
        "title": "欠席者のフォローの期限切れ",
        "what": "フォロー期限(follow_up_by)を過ぎても、その後の教育で修了した記録がない欠席者を報告します。",
        "why": "欠席者にも教育を行う必要があり、そのフォローも教育の記録の一部です(J.4.3)。",
        "fix": "補講(または録画の視聴と確認テスト)を行い、記録してください。",
    },
    "PML608": {
        "title": "是正処置が期限切れのまま未完了",
        "what": "完了日(done_on)がなく期限(due)を過ぎた是正処置を報告します。",
        "why": "不適合は処置を実施して初めて解消します(J.7.1)。審査では不適合ごとに最後まで追跡されます。",
        "fix": "処置を完了して done_on を記録するか、新しい期限を決めてその理由を notes に書いてください。",
    },
    "PML609": {
        "title": "根本原因のない是正処置",
        "what": "root_cause のない是正処置を警告します。",
        "why": "是正処置は不適合の原因を取り除き再発を防ぐものです(J.7.1)。修正(応急処置)だけでは症状を抑えるだけです。",
        "fix": "根本原因を特定して記録し、処置がそれに対応していることを確かめてください。",
    },
    "PML610": {
        "title": "是正処置の有効性が確認されていない",
        "what": "完了(done_on)から corrective.effectiveness_within(既定 P3M)以内に有効性を確認していない、"
        "またはそれより後に確認した是正処置を報告します。",
        "why": "J.7.1 は、実施したすべての是正処置の有効性の確認を求めています。",
        "fix": "不適合が再発していないか確認し、effectiveness: {checked_on, by, result} を記録してください。",
    },
    "PML611": {
        "title": "是正処置と発生源の記録がつながっていない",
        "what": "内部監査など、pmarklint が記録を扱う発生源による是正処置で、source_ref がない、その種類の記録でない、または参照先の記録がこの是正処置を指していないものを報告します。",
        "why": "審査では、不適合が見つかった記録から是正処置へ、またその逆へとたどります(J.7.1)。片側だけのつながりは途中で切れます。",
        "fix": "是正処置に source_ref を、見つけた記録の側(監査報告の findings[].corrective)に是正処置のIDを書いてください。",
    },
    "PML612": {
        "title": "年度内に監査されていない部門",
        "what": "内部監査計画の対象部門で、計画の年度が終わっても監査報告がないもの(年度末が近づくと警告)と、pmarklint.yaml の部門を対象から外した計画を報告します。",
        "why": "内部監査は少なくとも年1回、全部門を対象にします(J.6.2)。更新審査では2年分の監査記録が確認されます。",
        "fix": "部門を監査して報告を記録する(kind: audit_report)か、部門を対象に加えてください。",
    },
    "PML613": {
        "title": "監査員が自部門を監査している",
        "what": "所属する部門に割り当てられた、またはその部門を監査した監査員を報告します。部門が一つしかない組織は、指針が認めるとおり例外で、報告しません。",
        "why": "監査員は客観的かつ公平でなければならず、自分の業務を監査しません(J.6.2)。",
        "fix": "他部門の監査員を割り当ててください(監査責任者が監査することもできます)。",
    },
    "PML614": {
        "title": "監査員の役割がない監査員",
        "what": "計画または報告の監査員で、内部監査員(internal_auditor)も個人情報保護監査責任者(audit_lead)も持たない人を報告します。",
        "why": "内部監査員は監査責任者が選任します(J.6.2)。任命されていない人は監査報告に署名できません。",
        "fix": "people/ でその人に internal_auditor の役割を与える(名簿の変更として承認)か、別の監査員にしてください。",
    },
    "PML615": {
        "title": "監査責任者が個人情報保護管理者を兼ねている",
        "what": "計画の監査責任者(lead、または audit_lead として承認した人)が個人情報保護管理者(privacy_manager)の役割も持つ場合に報告します。",
        "why": "個人情報保護管理者と個人情報保護監査責任者は別の人でなければなりません(J.2.3.2)。監査責任者は管理者が運用するものを監査します。",
        "fix": "トップマネジメントが別の監査責任者を任命してください。",
    },
    "PML616": {
        "title": "監査の観点が両方そろっていない",
        "what": "年度の内部監査計画が適合状況監査(conformity)と運用状況監査(operation)の両方を扱っていない場合に報告します。",
        "why": "内部監査では、規程が規格に適合していることと、規程どおりに運用されていることの両方を確かめます(J.6.2)。",
        "fix": "その年度の計画に足りない観点を加えてください(criteria: [conformity, operation])。",
    },
    "PML617": {
        "title": "是正処置のない不適合",
        "what": "監査報告の指摘で区分が不適合(nonconformity)なのに是正処置を指していないものを報告します。",
        "why": "不適合にはすべて是正処置を行います(J.7.1)。審査では取り残しがないか確認されます。",
        "fix": "corrective/ に是正処置を記録し、指摘にそのIDを書いてください(corrective: CA-...)。",
    },
    "PML618": {
        "title": "監査結果をトップマネジメントに報告していない",
        "what": "監査日から audit.report_within(既定 P1M)を過ぎても reported_to_top_management のない監査報告を報告します。",
        "why": "監査責任者は監査結果をトップマネジメントに報告します(J.6.2)。報告はマネジメントレビューのインプットにもなります。",
        "fix": "結果を報告し、その日を reported_to_top_management に記録してください。",
    },
    "PML619": {
        "title": "年度内のマネジメントレビューがない",
        "what": "マネジメントレビューの記録がある最初の年度から、マネジメントレビューのない年度を報告します(当年度末が近づいてもない場合は警告)。マネジメントレビューの記録が一つもなければ判定しません(PML306 は引き続き判定します)。",
        "why": "トップマネジメントは少なくとも年1回PMSのマネジメントレビューを行います(J.6.3)。審査では直近の議事録が求められます。",
        "fix": "マネジメントレビューを実施し、reviews/ に記録してください。",
    },
    "PML620": {
        "title": "トップマネジメントのいないマネジメントレビュー",
        "what": "出席者(attendees)にトップマネジメント(top_management)の人がいないマネジメントレビューを報告します。",
        "why": "マネジメントレビューは、トップマネジメント自身がPMSの状況を確かめ、改善を決めるものです。審査のトップインタビューでも確認されます(J.6.3)。",
        "fix": "トップマネジメントが出席し、attendees に記録してください。",
    },
    "PML621": {
        "title": "マネジメントレビューのインプットの不足",
        "what": "必要なインプット(前回までの処置の状況、課題の変化、不適合及び是正処置、運用の確認の結果、監査結果、目的の達成度、フィードバック(苦情を含む)、リスクアセスメントの状況、改善の機会、法令等の改正状況)のいずれかがない、または空のマネジメントレビューを報告します。",
        "why": "J.6.3 はマネジメントレビューで考慮する事項を定めています。抜けた項目は審査で真っ先に指摘されます。",
        "fix": "各項目に報告した内容を書くか、文書(documents)を示してください。",
    },
    "PML622": {
        "title": "マネジメントレビューのアウトプットの不足",
        "what": "改善、PMSの変更、資源の三つのアウトプットがそろっていないマネジメントレビューを報告します。",
        "why": "アウトプットはトップマネジメントの決定です(J.6.3)。決定のないマネジメントレビューは記録のない会議です。",
        "fix": "それぞれの決定、または不要とした旨を記録してください。",
    },
    "PML623": {
        "title": "前回のマネジメントレビューの処置が完了していない",
        "what": "次のマネジメントレビューの日までに done_on がなく、次のマネジメントレビューで引き継がれて(carried_from)もいない処置を報告します。",
        "why": "マネジメントレビューの最初のインプットは、前回のマネジメントレビューでとった処置の状況です(J.6.3)。",
        "fix": "done_on を記録するか、次のマネジメントレビューで処置を引き継いでください(carried_from: ID)。",
    },
    "PML624": {
        "title": "年間計画が年度開始前に承認されていない",
        "what": "年度の開始より前の日付の承認がない年間計画を報告します。",
        "why": "PMSの年間計画(J.3.3)は、その年度が始まる前に決めます。審査では承認日が確認されます。",
        "fix": "年度の開始前に計画を承認してください(pmarklint sign 計画ID --as 承認者ID --date ...)。",
    },
    "PML625": {
        "title": "年間計画に教育・内部監査・マネジメントレビューがない",
        "what": "教育、内部監査、マネジメントレビューのいずれかを予定していない年間計画を報告します。",
        "why": "この三つはどのPMSでも毎年行う活動です(J.4.3、J.6.2、J.6.3)。年間計画はそれを予定する場所です。",
        "fix": "それぞれを予定月とともに items に加えてください。",
    },
    "PML626": {
        "title": "予定した活動の期限切れ",
        "what": "予定月が終わっても実施日(done_on)のない計画の項目を報告します。",
        "why": "審査では計画と実績が突き合わされます(J.3.3)。",
        "fix": "活動を実施して done_on を記録するか、予定月を変えて理由を notes に書いてください。",
    },
    "PML627": {
        "title": "記録のない実施済みの活動",
        "what": "done_on があるのに記録(record)がない、または種類の合わない記録を示している計画の項目を報告します(教育 → training、内部監査 → audit_report、マネジメントレビュー → review)。",
        "why": "計画の実績はすべて記録で裏付けます(J.3.3)。日付を書いただけでは何も証明しません。",
        "fix": "record に記録のIDを書いてください。",
    },
    "PML628": {
        "title": "運用の確認の期限切れ",
        "what": "最後の運用の確認から部門の間隔(operation_check.departments.ID、なければ operation_check.every、既定 P1Y)を過ぎた部門、または最初の記録から一間隔を過ぎても記録のない部門を報告します(警告期間内は警告)。運用の確認の記録が一つもなければ判定しません。",
        "why": "各部門は手順どおりに運用しているかを定期的に確認し、トップマネジメントに報告します(J.6.1)。年1回だけでは指摘されることがあり、四半期ごとに行う事業者も多くあります。",
        "fix": "部門の運用を確認して記録する(kind: operation_check)か、事業者が決めた間隔を設定してください。",
    },
    "PML629": {
        "title": "手入力した last_done が記録と合わない",
        "what": "実施を示す記録の種類(record_kind)を指定した管理策の定期作業で、手入力した last_done がその種類の最新の記録(定期教育、監査報告、マネジメントレビュー、運用の確認はその日付、年間計画は承認日)と異なるものを報告します。",
        "why": "入力した日付は何も証明しません。証明するのは記録です。記録を残すようになれば最終実施日は記録から決まり(PML306 が判定します)、手入力した別の日付はどちらかの誤りです。",
        "fix": "last_done を削除して記録に任せるか、記録を直してください。",
    },
}
