"""日本語: リスク分析・対策の記録簿(PML730-PML736)、その値の言葉、pmarklint migrate risks。"""

MESSAGES = {
    # PML730
    "PML730.missing": "{id} のリスク分析がない局面があります: {phases}。risks/(kind: risk)で局面ごとにリスクを分析するか、該当しない局面は理由を付けて該当なし(not_applicable)にしてください",
    # PML731
    "PML731.no_residual": "残留リスク(residual)が記録されていません。対策後に残るリスクを記録し、トップマネジメントの承認を受けてください",
    "PML731.unaccepted": "残留リスク({residual})がトップマネジメントに承認されていません。承認した人と日付(accepted_by、accepted_on)を記録してください",
    "PML731.not_top": "残留リスク({residual})を承認した {person} はトップマネジメントではありません。残留リスクはトップマネジメント(top_management)が承認します",
    # PML732
    "PML732.accepted": "法令違反のリスクは残留リスクとして承認できません。法令に沿った取扱いにする対策をとり、residual と accepted_by は書かないでください(ほかの脅威は別のエントリに記録します)",
    # PML733
    "PML733.never": "見直し日(reviewed_on)がありません。リスクを分析した日か最後に見直した日を記録してください",
    "PML733.overdue": "リスク分析の見直しの期限を過ぎています(最終見直し {last}、間隔{every}、期限 {due})。リスクと対策を見直して reviewed_on を更新してください",
    "PML733.soon": "リスク分析の見直しの期限が近づいています(最終見直し {last}、間隔{every}、期限 {due})",
    # PML734
    "PML734.unrecorded": 'このリスク分析が {id}({file})のどの内容を分析したかが記録されていません。今の台帳の内容で分析が正しければ assessed_digest: "{digest}" を記録してください',
    "PML734.changed": '{id}({file})はこのリスク分析の後に変更されています。リスクを分析し直し、assessed_digest: "{digest}" を記録してください',
    "PML734.fields": '{id}({file})はこのリスク分析の後に変更されています(変更: {fields})。リスクを分析し直し、assessed_digest: "{digest}" を記録してください',
    # PML735
    "PML735.legacy": "このエントリはリスクを台帳に記録したままです({count}件)。リスク分析は専用の記録簿(risks/、kind: risk)に局面ごとに記録します。'pmarklint migrate risks' で移してください",
    # PML736
    "PML736.none": "個人情報管理台帳に有効なエントリが{count}件ありますが、リスク分析(kind: risk)が一つも記録されていません。{folder} にエントリごと、局面ごとのリスク分析を記録してください(以前の risks の一覧は pmarklint migrate risks で移せます)。最初の記録ができるまでは、局面ごとの確認はしません",
    # 局面、脅威、程度
    "risk_phase.acquisition": "取得・入力",
    "risk_phase.transfer": "移送・送信",
    "risk_phase.use": "利用・加工",
    "risk_phase.storage": "保管・バックアップ",
    "risk_phase.disposal": "消去・廃棄",
    "risk_threat.leak": "漏えい",
    "risk_threat.loss": "滅失・紛失",
    "risk_threat.damage": "き損",
    "risk_threat.misuse": "目的外利用",
    "risk_threat.legal_violation": "法令違反",
    "risk_threat.rights_infringement": "本人の権利利益の侵害",
    "risk_level.low": "低",
    "risk_level.medium": "中",
    "risk_level.high": "高",
    "kind.risk": "リスク分析",
    "trail.kind.risk": "リスク分析",
    # pmarklint migrate risks
    "migrate.nothing": "リスクを記録した台帳エントリはありません。移行するものはありません。",
    "migrate.moved": "台帳 {entries} 件のリスク {risks} 件を {files} に移しました。",
    "migrate.written": "  {file} を書きました({count} 件)",
    "migrate.removed": "  {file} の {count} 件のエントリから risks を取り除きました",
    "migrate.dry_run": "何も書いていません(--dry-run)。",
    "migrate.next": "次に、台帳に書かれていなかったこと(脅威 threats、発生の可能性、影響、トップマネジメントによる残留リスクの承認 accepted_by と accepted_on)を記入し、記載のない局面を分析するか該当なしにして、'pmarklint check' を実行してください(docs/risks.md)。",
    "migrate.exists": "{file} がすでにあります。何も書いていません。移動するか、pmarklint.yaml の paths.risk で別のフォルダを指定してください",
    "migrate.id_taken": "{entry} のリスクに付ける ID {id} はすでに使われています({file})。何も書いていません",
    "migrate.phase_unknown": "{file}:{line}: {entry} のリスクの局面「{phase}」が分かりません(取得、移送、利用、保管、廃棄、または acquisition、transfer、use、storage、disposal など)。直してから移行をやり直してください。何も書いていません",
    "migrate.unreadable": "{file} を読めません({reason})。先に直してください。何も書いていません",
    "migrate.layout": "{file}: {entry} の risks を、ほかの部分を書き換えずに取り除けません({reason})。何も書いていません",
}

RULE_DOCS = {
    "PML730": {
        "title": "リスク分析のない局面がある個人情報",
        "what": "有効な台帳エントリについて、ライフサイクルの局面(取得・入力、移送・送信、利用・加工、保管・バックアップ、"
        "消去・廃棄)にリスクのエントリ(risks/、kind: risk)がない、つまり分析も該当なしの記録もないものを報告します。"
        "局面ごとの確認は、リスクのエントリが一つでもできてから行います。それまでは PML736 がリスク分析のないことを"
        "1件だけ報告します。",
        "why": "J.3.1.3 は、個人情報ごとに取得から廃棄までの各局面のリスクを特定・分析・評価することを求めます。"
        "審査では台帳とリスク分析を局面ごとに照らし合わせます。",
        "fix": "その局面のリスクのエントリ(inventory、phase、threats、measures、residual)を追加するか、その局面を通らない"
        "ときは not_applicable: {reason: ...} のエントリを追加してください。",
    },
    "PML731": {
        "title": "トップマネジメントが承認していない残留リスク",
        "what": "残留リスクの記録がない、残留リスクを誰も承認していない(accepted_by、accepted_on)、またはトップマネジメント"
        "(top_management)でない人が承認したリスクを報告します。",
        "why": "J.3.1.4 は、対策後に残るリスクをトップマネジメントが承認することを求めます。",
        "fix": "residual を記録し、トップマネジメントの承認(accepted_by にその人の ID、accepted_on に日付)を受けてください。",
    },
    "PML732": {
        "title": "残留リスクとして承認された法令違反のリスク",
        "what": "脅威に法令違反(legal_violation)を含み、残留リスクかその承認を記録したリスクを報告します。",
        "why": "法令違反のリスクは会社が受け入れてよいリスクではありません。対策で法令に沿った取扱いにします(J.3.1.4)。",
        "fix": "法令に沿った取扱いにする対策をとり、residual と accepted_by は書かないでください。その局面のほかの脅威は"
        "別のエントリに記録します。",
    },
    "PML733": {
        "title": "見直されていないリスク分析",
        "what": "reviewed_on が review.every.risk(既定 P1Y)より古いか、ないリスクを報告します。期限の review.warn_within "
        "前からは注意(警告)です。pmarklint due にも載ります。",
        "why": "リスク分析は少なくとも年1回見直します(J.3.1.3、J.3.1.4)。",
        "fix": "リスクと対策を見直し、reviewed_on を更新してください。",
    },
    "PML734": {
        "title": "リスク分析の後に変更された台帳エントリ",
        "what": "assessed_digest が今の台帳エントリのダイジェストと違う(分析の後にエントリが変わった)リスクを報告します。"
        "git の履歴で分かるときは変わった項目を示します。assessed_digest がないものも報告します。",
        "why": "リスク分析は分析した取扱いについてのものです。取得項目、委託先、保管場所が変われば分析し直します(J.3.1.3)。",
        "fix": "リスクを分析し直し、メッセージが示すダイジェストを assessed_digest に記録してください。",
    },
    "PML735": {
        "title": "台帳に残っているリスクの記録",
        "what": "以前の形式の risks を持つ台帳エントリを警告します。",
        "why": "リスク分析は専用の記録簿(risks/、kind: risk)に、すべての局面、残留リスクの承認、分析した内容とともに記録します。"
        "検査はその記録簿だけを読みます。",
        "fix": "'pmarklint migrate risks' を一度実行し(docs/risks.md)、書き出されたエントリを完成させてください。",
    },
    "PML736": {
        "title": "リスク分析が一つもない個人情報管理台帳",
        "what": "個人情報管理台帳に有効なエントリがあるのに、リスク分析(kind: risk)が一つも記録されておらず、以前の risks の"
        "一覧(PML735)もないリポジトリを、最初の台帳エントリに1件だけ報告します。リスクのエントリが一つでもできれば、"
        "代わりに PML730 が台帳エントリごと、局面ごとに確かめます。",
        "why": "台帳の個人情報のリスク分析(J.3.1.3)は、審査で最初に求められるものの一つです。始めたばかりのリポジトリにも"
        "初日から伝えますが、エントリごと5件のエラーではなく1件の警告にします。リスク分析をリポジトリの外で管理している"
        "会社は、この確認を止めます(rules: {PML736: off})。",
        "fix": "リスク分析を risks/(kind: risk)に、台帳のエントリごと、局面ごとに記録してください。以前の risks の一覧は "
        "pmarklint migrate risks で移せます。",
    },
}
