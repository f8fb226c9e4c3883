"""日本語のメッセージ。キーとプレースホルダーは en.py と揃えること(テストで確認しています)。"""

MESSAGES = {
    "suggest": "('{name}' の誤りではありませんか?)",
    # PML001
    "PML001.syntax": "YAMLとして読めません: {problem}。{hint}",
    "hint.none": "",
    "hint.tab": "タブ文字ではインデントできません。スペースを使ってください。",
    "hint.colon": "': ' を含む値は引用符(\")で囲んでください。",
    "hint.colon_missing": "':' が抜けているか、前後の行とインデントがずれています。",
    "hint.unclosed": "引用符または括弧が閉じられていません。",
    "hint.tag": "'!' で始まる値は引用符で囲んでください。",
    # PML002
    "PML002.duplicate": "キー '{key}' が同じマッピングに2回あります(最初は{first_line}行目)。YAMLでは一方が黙って"
    "捨てられます。どちらかを削除するか、名前を変えてください",
    # PML003
    "PML003.anchor": "アンカー '&{name}' があります。データファイルではアンカーとエイリアスは使えません。値を省略せず"
    "書いてください(このファイルはここで読むのをやめました)",
    "PML003.alias": "エイリアス '*{name}' があります。データファイルではアンカーとエイリアスは使えません。値を省略せず"
    "書いてください(このファイルはここで読むのをやめました)",
    "PML003.tag": "タグ '{tag}' があります。データファイルではYAMLのタグは使えません。削除するか、文字列なら引用符で"
    "囲んでください",
    "PML003.documents": "2つ目のYAMLドキュメント('---')があります。1ファイルに1ドキュメントです。別のファイルに"
    "分けてください",
    "PML003.complex_key": "リストやマッピングをキーにしています。キーは文字列にしてください",
    "PML003.depth": "入れ子が{limit}段を超えています。データファイルでは不要な深さです(このファイルはここで読むのを"
    "やめました)",
    # PML004
    "PML004.unreadable": "ファイルを読めません: {error}",
    "PML004.too_large": "ファイルが{size}バイトあり、上限の{limit}バイト(pmarklint.yaml の limits.max_file_size)を"
    "超えています。台帳を複数のファイルに分けてください",
    "PML004.shift_jis": "UTF-8ではありません({offset}バイト目)。ExcelでCSVやテキストを保存したときのShift_JISの"
    "ようです。UTF-8で保存し直してください(Excelでは「CSV UTF-8」、エディタでは文字コードUTF-8)",
    "PML004.not_utf8": "UTF-8のテキストではありません({offset}バイト目)。UTF-8で保存してください",
    # PML005
    "PML005.missing_kind": "ファイルの先頭に 'kind:' がありません。PMSのフォルダのファイルは 'kind: person'、"
    "'kind: control'、'kind: contractor'、'kind: inventory' のいずれかで始めます",
    "PML005.unknown_kind": "'{kind}' は知らない種類です{suggestion}。person、control、contractor、inventory の"
    "いずれかにしてください",
    "PML005.not_mapping": "'kind:' と 'entries:' を持つマッピングになっていません",
    # PML006
    "PML006.untracked": "gitで管理されていないファイルです。チェックされず、コミットにも含まれません。'git add' で"
    "追加するか、削除してください",
    # PML101
    "PML101.required": "必須の項目 '{field}' がありません",
    "PML101.unknown": "'{field}' は知らない項目です{suggestion}。独自の項目は 'x-' で始めてください",
    "PML101.yaml11_boolean": "'{field}' は true か false で書きます('{value}' と書かれています。YAMLでは yes/no/"
    "on/off ではなく true/false と書いてください)",
    "PML101.quote_number": "'{field}' は文字列で書きます(数値 {value} と書かれています)。引用符で囲んでください",
    "PML101.type": "'{field}' は{type}で書きます({value} と書かれています)",
    "PML101.enum": "'{field}' は {choices} のいずれかです({value} と書かれています){suggestion}",
    "PML101.const": "'{field}' は {expected} です({value} と書かれています)",
    "PML101.expect": "'{field}' は{expect}で書きます({value} と書かれています)",
    "PML101.pattern": "'{field}' の形式が違います({pattern})。{value} と書かれています",
    "PML101.empty": "'{field}' が空です",
    "PML101.unique": "'{field}' に同じ値が2回あります",
    "PML101.minimum": "'{field}' は{limit}以上です({value} と書かれています)",
    "PML101.other": "'{field}': {detail}",
    "expect.id": "英数字・'.'・'-'・'_' のID(例: PI-CS-001)",
    "expect.date": "YYYY-MM-DD 形式の日付(例: 2026-04-01)",
    "expect.duration": "ISO 8601 の期間(例: P5Y = 5年、P6M = 6か月、P30D = 30日)",
    "expect.email": "メールアドレス",
    "expect.ssh_key": "SSH公開鍵の1行(ssh-ed25519 AAAA…)",
    "expect.country": "ISO 3166 の大文字2文字の国コード(例: JP、US)",
    "expect.digest": "pmarklint sign が書くダイジェスト(sha256:…)",
    "expect.rule_code": "ルールのコード(PML101 など)",
    "expect.pmark_number": "プライバシーマークの登録番号(例: 10820123(03))",
    "field.entry": "エントリ",
    "field.file": "ファイル",
    "type.string": "文字列",
    "type.boolean": "true か false",
    "type.integer": "整数",
    "type.number": "数値",
    "type.array": "リスト",
    "type.object": "項目のマッピング",
    "type.null": "空",
    # PML102
    "PML102.duplicate": "ID '{id}' が2回使われています(もう一方は {other_file}:{other_line})。IDはリポジトリ全体で"
    "一意で、再利用しません。どちらかに新しいIDを付けてください",
    # PML201
    "PML201.department": "部門 '{id}' は定義されていません。pmarklint.yaml の departments に追加するか、IDを直してください",
    "PML201.person": "ID '{id}' の人は体制(people/)にいません。追加するか、IDを直してください",
    "PML201.contractor": "ID '{id}' の委託先は委託先管理台帳にありません。追加するか、IDを直してください",
    "PML201.inventory": "ID '{id}' は個人情報管理台帳にありません。追加するか、IDを直してください",
    "PML201.control": "'{id}' は指針の要求事項の番号ではありません。番号を確認してください(独自の管理策には J.x.y の形でないIDを付けます)",
    "PML201.waiver_entry": "適用除外が指す '{id}' はこのリポジトリのエントリではありません。IDを直すか、適用除外を削除してください",
    # PML202
    "PML202.retired": "'{id}' は {retired_on} に廃止されています({file})。後継のエントリを参照してください",
    # PML203
    "PML203.contractor_side": "このエントリは {contractor} に委託していますが、{contractor} の entrusted_data({file})に {inventory} がありません。そちらに {inventory} を追加するか、ここから {contractor} を外してください",
    "PML203.inventory_side": "{contractor} は {inventory} を委託された個人情報としていますが、{inventory} の entrusted_to({file})に {contractor} がありません。そちらに {contractor} を追加するか、ここから {inventory} を外してください",
    # PML204
    "PML204.missing": "'{target}' に当たるファイルがリポジトリにありません。文書を追加(git add)するか、パスを直してください",
    # PML205
    "PML205.missing": "{framework} の要求事項 {id}({title_ja} / {title_en})に対応する管理策がありません。追加するか(pmarklint init がカタログを写します)、status: not_applicable と理由を書いてください",
    # PML301
    "PML301.overdue": "見直しの期限切れです。最終見直し {last}、間隔 {every} のため期限は {due} でした。見直して last_reviewed を更新してください",
    # PML302
    "PML302.soon": "見直し期限が {due} です(最終見直し {last}、間隔 {every})",
    "PML302.never": "一度も見直されていません。見直して last_reviewed に日付を記録してください",
    # PML303
    "PML303.missing": "この委託先は評価されていません。評価して evaluation: {{date, result, evaluator}} を記録してください",
    "PML303.failed": "{date} の評価が不合格です。委託を終了するか、再評価するか、理由を付けて適用除外にしてください",
    "PML303.overdue": "委託先評価の期限切れです。評価日 {last}、間隔 {every} のため期限は {due} でした",
    "PML303.soon": "委託先評価の期限が {due} です(評価日 {last}、間隔 {every})",
    # PML304
    "PML304.contract_expired": "契約が {date} に満了しています。更新して contract.expires を直すか、委託先を廃止にしてください",
    "PML304.contract_soon": "契約が {date} に満了します",
    "PML304.certification_expired": "{kind} 認証の有効期限が {date} に切れています。更新を確認して日付を直してください",
    "PML304.certification_soon": "{kind} 認証の有効期限が {date} です",
    "PML304.waiver_expired": "この {rule} の適用除外は {date} に期限が切れ、もう適用されません。指摘を直すか、新しい期限と承認で更新してください",
    # PML305
    "PML305.future": "'{field}' が {date} で、まだ来ていない日付です。記録の日付は未来にできません",
    # PML306
    "PML306.overdue": "「{task}」の期限切れです。最終実施 {last}、間隔 {every} のため期限は {due} でした",
    "PML306.soon": "「{task}」の期限が {due} です(最終実施 {last}、間隔 {every})",
    "PML306.never": "「{task}」はまだ実施されていません。実施して last_done を記録してください",
    # PML307
    "PML307.incomplete": "外国への提供に {missing} がありません。国(ISOコード)と根拠(consent、equivalent_system、adequacy)を書いてください",
    "PML307.never": "{country} への提供は基準適合体制によるため、提供先の措置を定期的に確認する必要があります。last_checked を記録してください",
    "PML307.overdue": "{country} への提供の定期確認が期限切れです(最終確認 {last}、期限 {due})",
    "PML307.soon": "{country} への提供の定期確認の期限が {due} です(最終確認 {last})",
    # PML308
    "PML308.window": "プライバシーマークの有効期限は {expires} です。更新申請の受付期間は {closes} までです。更新を申請してください",
    "PML308.closed": "更新申請の受付期間は {closes} に終わり、プライバシーマークは {expires} に期限が切れます。すぐに審査機関に連絡してください",
    "PML308.expired": "プライバシーマークの有効期限が {expires} に切れています。更新後に organization.certification を直してください",
    # PML401
    "PML401.missing": "承認がありません。{kind} のエントリには役割 {roles} の人の承認が必要です(pmarklint.yaml の require_approvals)。承認者が 'pmarklint sign {id} --as 承認者ID' で記録してください",
    # PML402
    "PML402.waiver_unknown": "適用除外の承認者 '{person}' は体制にいる現役の人ではないため、適用除外は無効です",
    "PML402.waiver_role": "'{person}' は {kind} のエントリの適用除外を承認できません(承認できる役割: {roles})。適用除外は無効です",
    "PML402.unknown": "この承認の承認者 '{person}' は体制にいる現役の人ではないため、何も承認していません。体制にいる承認者が改めて承認してください",
    "PML402.role_not_allowed": "'{person}' は役割 {role_id} で承認していますが、この役割では {kind} のエントリを承認できません(承認できる役割: {roles})。承認できる役割の人が承認してください",
    "PML402.role_not_held": "'{person}' は役割 {role_id} で承認していますが、体制上その役割を持っていません。役割を直すか、その役割を持つ人が承認してください",
    # PML403
    "PML403.stale": "承認が古くなっています。'{person}' ({role_id}) が {date} に承認した後にエントリが変更されました。変更を確認して改めて承認してください('pmarklint sign {id} --as {person}')",
    "PML403.stale_fields": "承認が古くなっています。'{person}' ({role_id}) が {date} に承認した後に次の項目が変更されました: {fields}。変更を確認して改めて承認してください('pmarklint sign {id} --as {person}')",
    # PML404
    "PML404.own_change": "自己承認です。'{person}' が自分で書いた内容(コミット {commit}、{day})を承認しています。この種類を承認できる別の人が確認して承認してください",
    "PML404.own_pending": "自己承認です。'{person}' がこのエントリの変更と自分の承認を同じコミットにしようとしています。変更だけをコミットし、この種類を承認できる別の人に承認してもらってください",
    # PML405
    "PML405.author": "'{person}' 名義の承認を追加したコミット {commit}({day})の作成者は {author} で、本人ではありません({emails})。'{person}' 本人が承認してコミットしてください('pmarklint sign ... --as {person}')",
    "PML405.not_in_roster": "'{person}' 名義の承認はコミット {commit}({day})で追加されましたが、その時点で '{person}' は体制(名簿)の有効な人ではありませんでした。承認は名簿に登録済みの人のものだけが有効です。新しいコミットで承認し直してください",
    "PML405.role_then": "'{person}' の {role_id} としての承認はコミット {commit}({day})で追加されましたが、その時点の名簿ではその役割がありませんでした。新しいコミットで承認し直してください",
    "PML405.untraced": "'{person}' によるこの承認を追加したコミットが履歴に見つかりません(マージで入ったか、履歴が不完全です)。'{person}' が新しいコミットで承認し直してください",
    "PML405.pending": "'{person}' 名義のこの承認はまだコミットされておらず、あなたは {who} としてコミットしようとしています。コミットできるのは '{person}'({emails})本人だけです。このコミットから外して本人に承認を依頼するか、本人であれば git の設定(git config user.email)を直してください",
    # PML406
    "PML406.unsigned": "'{person}' の承認を追加したコミット {commit} に、本人の signing_keys による有効な SSH 署名がありません。'{person}' が署名付きコミットで承認し直してください(docs/approvals.md: コミット署名の設定)",
    "PML406.no_keys": "署名付き承認が必須ですが、名簿(コミット {commit} 時点)の '{person}' に signing_keys がありません。SSH 公開鍵を people/ に追加して承認を受け、署名付きコミットで承認し直してください",
    # PML407
    "PML407.unapproved": "'{person}' は承認を行う役割 {role_id} を持っていますが、この名簿エントリに他の人({roles})の有効な承認がありません。確認して 'pmarklint sign {person} --as 承認者ID' を実行してもらってください",
    # PML901
    "PML901.no_git": "このフォルダは git リポジトリの中にないため、履歴のチェック(承認を追加したのは誰か、PML404〜PML407)を省略しました",
    "PML901.shallow": "シャロークローンです。git の履歴から承認を追加した人を証明できません。履歴をすべて取得してください。GitHub Actions では actions/checkout に 'fetch-depth: 0' を指定し、それ以外では 'git fetch --unshallow' を実行してください",
    # PML501
    "PML501.conflict": "同じ人が{first}と{second}を兼ねています。監査は監査対象から独立している必要があります。どちらかを別の人にしてください",
    # PML502
    "PML502.unassigned": "{role}が誰にも割り当てられていません。people/ に記入してください(roles: [...])",
    # PML503
    "PML503.no_contract": "この委託先の契約が記録されていません。contract: {{signed, clauses}} を記録してください",
    "PML503.missing": "契約に必要な8項目のうち{count}項目がありません: {clauses}",
    # PML504
    "PML504.retention": "保管期限(retention.period、例: P5Y)がありません。保管する期間を書いてください",
    "PML504.disposal": "廃棄方法(disposal)がありません。最後にどう廃棄するかを書いてください",
    # PML505
    "PML505.email": "実在のメールアドレスのようです({shown})。台帳には個人情報の項目名を書き、個人情報そのものは書きません。削除してください(誤検知なら rules.PML505.allow に追加)",
    "PML505.phone": "実在の電話番号のようです({shown})。台帳には個人情報の項目名を書き、個人情報そのものは書きません。削除してください(誤検知なら rules.PML505.allow に追加)",
    "PML505.my_number": "個人番号(マイナンバー)のようです({shown})。ここに書いてはいけません。すぐに削除し、ほかに写されていないか確認してください",
    "role.top_management": "トップマネジメント",
    "role.privacy_manager": "個人情報保護管理者",
    "role.audit_lead": "個人情報保護監査責任者",
    "role.internal_auditor": "内部監査員",
    # export and import of tables (pmarklint.tables.core)
    "table.exported": "{count} 件のエントリを {output} に書き出しました",
    "table.unreadable_ledger": "{file} を読めません ({reason}): そのエントリは表に入っていません",
    "table.not_mapping": "{file} の {index} 番目のエントリはマッピングではありません: 表に入っていません",
    "table.unreadable_repo": "{file} を読めません ({reason})。IDの重複を避けるため、先に直してください (pmarklint check)",
    "table.bad_file": "{file} を読めません: {reason}",
    "table.too_large": "{file} は大きすぎます ({size} バイト、上限 {limit} バイト)",
    "table.xls": "{file} は古い .xls 形式です。Excel で「Excel ブック (.xlsx)」か CSV として保存し直してください",
    "table.encoding": "{file} は {encoding} のテキストではありません。Windows の Excel で保存した CSV なら --encoding cp932 を付けてください",
    "table.no_sheet": "{file} に {sheet} というシートはありません (シート: {sheets})",
    "table.no_header": "表に {row} 行目 (見出し行) がありません",
    "table.no_id_column": "ID の列がありません (見出し: {headers})",
    "table.unknown_headers": "{kind} の台帳にない列: {columns}。--map '見出し=フィールド' で対応づけるか、--map '見出し=' で読み飛ばしてください",
    "table.empty_header": "{column} 列に値がありますが見出しがありません",
    "table.duplicate_column": "{first} 列と {second} 列が同じフィールド {field} を指しています",
    "table.bad_map": "--map {value}: {reason}",
    "table.map_syntax": "'見出し=フィールド' の形で書いてください",
    "table.map_field": "{field} は {kind} のフィールドではありません",
    "table.map_approvals": "approvals (承認) は取り込めません: 承認は pmarklint sign で記録します",
    "table.into_kind": "--into {file} は {kind} の台帳ではありません",
    "table.into_outside": "--into {file} はリポジトリの PMS フォルダ ({folders}) の中にしてください",
    "table.into_layout": "{file} にエントリを追加できません ({reason})",
    "table.row": "{row} 行目{entry}: {reason}",
    "table.no_id": "ID がありません",
    "table.duplicate_row": "ID {id} は {other} 行目にもあります。どちらの行も取り込んでいません",
    "table.other_kind": "ID {id} は {file} の {kind} のエントリです",
    "table.duplicate_id": "ID {id} はリポジトリ内で複数回使われています ({files})。先に直してください",
    "table.not_a_mapping": "{file} のこのエントリはマッピングではありません。先に直してください",
    "table.cell": "{column} 列: {reason}",
    "table.invalid": "{message}",
    "table.unwritable": "{file} のこのエントリを安全に書き換えられませんでした。手で編集してください",
    "table.bad_json": "json: の後が JSON として読めません ({error})",
    "table.bad_line": "{line} 行目「{text}」が {labels} のどれで始まってもいません",
    "table.conflict": "{field} に値とその項目の両方があります",
    "table.summary": "更新 {updated} 件、追加 {added} 件、変更なし {unchanged} 件、取り込めなかった行 {failed} 件",
    "table.dry_run": "(--dry-run: ファイルは書き換えていません)",
    "table.stale": "承認のあるエントリを変更しました: {ids}。承認は内容と合わなくなったので、承認し直してください",
    "table.created": "{file} を作りました。git add {file} を忘れずに",
    "table.sheet": "シート {sheet} を読みます",
    # pmarklint sign
    "sign.signed": "{file}: {id}: {person} が {role_id} として {date} に承認しました",
    "sign.unchanged": "{file}: {id}: {person} の {role_id} としての {date} の承認はすでに記録されています(変更なし)",
    "sign.summary": "承認を {signed} 件書き込みました({unchanged} 件は記録済み)",
    "sign.refused": "pmarklint sign: 承認を記録できません。ファイルは変更していません:",
    "sign.no_target": "{target}: このIDのエントリはなく、リポジトリのデータファイルでもありません",
    "sign.no_file": "{target}: {file} はリポジトリのデータファイルではありません",
    "sign.not_in_file": "{target}: {file} に ID {id} のエントリはありません",
    "sign.no_entries": "{target}: {file} にはエントリがありません",
    "sign.duplicate": "{target}: このIDは複数回使われています({files})。先に直してください(PML102)",
    "sign.unreadable": "{target}: {file} を読めません({reason})。先に直してください(pmarklint check)",
    "sign.unknown_kind": "kind が不明",
    "sign.invalid": "{file} の {id} はスキーマに合っていないため承認できません。先に次の点を直してください:",
    "sign.unknown_person": "--as {person}: このIDの現役の人は体制(people/)にいません",
    "sign.role_not_held": "--role {role_id}: {person} はこの役割を持っていません(持っている役割: {roles})",
    "sign.role_not_allowed": "{id}: 役割 {role_id} では {kind} のエントリを承認できません(承認できる役割: {roles}、pmarklint.yaml の approvals)",
    "sign.no_allowed_role": "{id}: {person} は {kind} のエントリを承認できる役割を持っていません(承認できる役割: {roles}、pmarklint.yaml の approvals)",
    "sign.bad_date": "--date は YYYY-MM-DD 形式の日付で指定してください('{value}' が指定されました)",
    "sign.future_date": "--date {date} は今日({today})より後です。承認日を未来にはできません",
    "sign.identity_unknown": "署名する人を確認できません。'git var GIT_AUTHOR_IDENT' が失敗しました({reason})。git の user.email を設定してください",
    "sign.identity_mismatch": "git の利用者は {email} で、{person} のメールアドレス({emails})のいずれでもありません。本人以外が代わりに承認することはできません",
    "sign.forced": "警告: --force: git の利用者は {email} ですが、{person} の名前で承認を書き込みます。これは {person} がこの内容を承認したという記録です。本人が承認したことを確かめ、コミットメッセージにその旨を書いてください。{person} 本人が承認をコミットするまで、git による裏付けはありません(PML405)。",
    "sign.unwritable": "{file}: 他の行を変えずに承認を書き込めませんでした({reason})。手で追加してください",
    # reports for people (pmarklint report ...) and the Fit & Gap table (pmarklint.reports.fitgap)
    "report.contents": "目次",
    "report.generated": "pmarklint {version} で作成しました。",
    "report.partial": "注意: このレポートが読むファイルに問題が{count}件あります。読めた内容だけで作成しました。'pmarklint check' で一覧を確認してください",
    "report.role.department_manager": "部門管理者",
    "report.role.education_lead": "教育責任者",
    "report.role.complaints_desk": "苦情相談窓口",
    "report.role.secretariat": "事務局",
    "report.role.application_contact": "Pマーク申請担当者",
    "report.role.sysadmin": "システム管理者",
    "report.role.entry_manager": "入退室管理責任者",
    "fitgap.title": "Fit & Gap 表: {organisation}",
    "fitgap.intro": "{organisation} ・ 準拠する指針 {framework} ・ {date} 時点",
    "fitgap.legend": "適合: 要求事項を満たしている。一部対応: 一部だけ満たしている。未対応: まだ満たしていない。適用除外: 当社には当てはまらない(理由を併記)。未作成: カタログの要求事項のうち、このリポジトリに管理策がないもの(pmarklint check では PML205)。",
    "fitgap.section.table": "要求事項ごとの対応状況",
    "fitgap.section.status": "対応状況別の項目数",
    "fitgap.section.difficulty": "難易度別の項目数",
    "fitgap.col.id": "項番",
    "fitgap.col.title": "要求事項",
    "fitgap.col.status": "対応状況",
    "fitgap.col.reason": "理由",
    "fitgap.col.documents": "関連する社内規程・マニュアル",
    "fitgap.col.initial_tasks": "初年度のタスク",
    "fitgap.col.records": "審査時に必要な文書とその承認者",
    "fitgap.col.recurring": "次年度以降の通年運用(頻度・担当)",
    "fitgap.col.difficulty": "次年度以降の難易度",
    "fitgap.col.count": "項目数",
    "fitgap.status.fit": "適合",
    "fitgap.status.partial": "一部対応",
    "fitgap.status.gap": "未対応",
    "fitgap.status.not_applicable": "適用除外",
    "fitgap.status.retired": "廃止",
    "fitgap.status.missing": "未作成",
    "fitgap.difficulty.low": "低",
    "fitgap.difficulty.medium": "中",
    "fitgap.difficulty.high": "高",
    "fitgap.unset": "未設定",
    "fitgap.every.year": "年1回",
    "fitgap.every.years": "{count}年ごと",
    "fitgap.every.month": "毎月",
    "fitgap.every.months": "{count}か月ごと",
    "fitgap.every.week": "毎週",
    "fitgap.every.weeks": "{count}週間ごと",
    "fitgap.every.day": "毎日",
    "fitgap.every.days": "{count}日ごと",
    "fitgap.details": "{item}({details})",
    "fitgap.separator": "、",
    "fitgap.approver": "承認者: {approver}",
    "fitgap.evidence": "証跡: {paths}",
    "fitgap.owner": "担当: {owner}",
    "fitgap.last_done": "最終実施 {date}",
    "fitgap.items": "{total}項目: {counts}",
    "fitgap.count": "{label} {count}",
    "fitgap.count_separator": "、",
    # user interface
    "ui.summary": "{files}ファイル、{entries}エントリ: エラー{errors}件、警告{warnings}件",
    "ui.waived_heading": "適用除外(記録のために表示し、エラーには数えません):",
    "ui.summary_waived": "、適用除外{waived}件",
    "ui.clean": "問題は見つかりませんでした。",
    "ui.error_prefix": "pmarklint: エラー: ",
    "ui.no_config": "{path} とその上のフォルダに pmarklint.yaml がありません。PMSのリポジトリではありません。"
    "'pmarklint init DIR' で作成できます",
    "ui.bad_config": "{file}:{line}:{column}: {message}",
    "ui.config_invalid": "pmarklint.yaml が正しくありません。直してからもう一度実行してください",
    "ui.unknown_rule": "'{code}' というルールはありません。'pmarklint rules' で一覧を表示できます",
    "ui.bad_today": "--today は YYYY-MM-DD 形式で指定してください('{value}' が指定されました)",
    "ui.explain_what": "チェック内容",
    "ui.explain_why": "なぜ重要か",
    "ui.explain_bad": "エラーになる例",
    "ui.explain_good": "正しい書き方",
    "ui.explain_requirement": "関連するPマークの要求事項",
    "ui.explain_severity": "既定の重大度",
    "ui.explain_bytes": "(このファイルはShift_JISで保存されています)",
    "ui.explain_catalog": "(同梱のカタログ。pmarklint init が写すもの)",
    "ui.as_of_no_git": "--as-of {value}: このリポジトリは git の中にないため、過去の状態を確認できません",
    "ui.as_of_bad": "--as-of {value}: 日付(YYYY-MM-DD)でも、このリポジトリのリビジョンでもありません",
    "ui.as_of_none": "--as-of {value}: その日以前のコミットがメインライン(HEAD の第一親)にありません",
    "ui.as_of_shallow": "--as-of {value}: このシャロークローンにはその日以前のコミットがありません。履歴をすべて取得してください(git fetch --unshallow、GitHub Actions では fetch-depth: 0)",
    "ui.as_of_both": "--as-of と --changed-since は同時に指定できません",
    "ui.as_of_no_config": "--as-of {value}: コミット {commit} にはここに pmarklint.yaml がありません。PMS リポジトリはまだ存在していませんでした",
    "ui.as_of_line": "{day} 時点: コミット {commit}({committed}、{subject})",
    "ui.explain_untracked": "(このファイルはgitに追加されていません)",
    "ui.explain_no_git": "(このフォルダは git の外にあります)",
    "ui.explain_commit": "続いて {author} がコミット:",
    "ui.init_exists": "{path} は既にあるため、そのままにしました",
    "ui.init_created": "{path} を作成しました",
    "ui.init_done": "{path} に新しいPMSリポジトリを用意しました。次に、そこにある README.md を読み、people/ と "
    "pmarklint.yaml を記入してから 'pmarklint check {path}' を実行してください。",
    # pmarklint trail (the audit trail: pmarklint.trail.build, pmarklint.trail.render)
    "trail.not_git": "{path} は git リポジトリの中にありません。監査証跡は git の履歴から作ります",
    "trail.shallow": "このクローンは浅い(shallow)クローンで、古い履歴がないため監査証跡が不完全になります。履歴をすべて取得してください: git fetch --unshallow(GitHub Actions: actions/checkout に fetch-depth: 0、GitLab CI: GIT_DEPTH: 0)",
    "trail.bad_period": "期間の開始({since})が終了({until})より後です。--since は --until より前にしてください",
    "trail.bad_date": "{option} {value}: 日付ではありません。YYYY-MM-DD で書いてください",
    "trail.bad_rev": "{option} {value}: このリポジトリにそのリビジョンはありません(日付は YYYY-MM-DD で書きます)。浅いクローンでは先に履歴を取得してください: git fetch --unshallow",
    "trail.title": "監査証跡: {organization}",
    "trail.title_plain": "監査証跡",
    "trail.contents": "目次",
    "trail.intro.period": "期間: {since} 〜 {until}(コミットされた日で数えます)",
    "trail.intro.since_rev": "リビジョン {rev}(コミット {commit})の後から。",
    "trail.intro.until_rev": "リビジョン {rev}(コミット {commit})まで。",
    "trail.intro.end_state": "期末の状態: コミット {commit}。",
    "trail.intro.no_end_state": "期末以前のコミットはありません。",
    "trail.intro.filters": "絞り込み: {filters}",
    "trail.filter.kind": "種類 {values}",
    "trail.filter.id": "ID {values}",
    "trail.filter.path": "{values} 以下のファイル",
    "trail.footer": "pmarklint {version} で作成。変更が「承認済み」とは、期間内の後のコミットが、変更後の内容そのもの(同じダイジェスト)への承認を追加し、その承認を git が裏付けていることです。エントリはファイルをまたいで ID で追跡しています。",
    "trail.none": "なし。",
    "trail.yes": "はい",
    "trail.no": "いいえ",
    "trail.section.summary": "概要",
    "trail.section.changes": "エントリごとの変更",
    "trail.section.approvals": "期間中に追加された承認",
    "trail.section.reviews": "レビュー",
    "trail.section.evaluations": "委託先の評価",
    "trail.section.overdue": "期末時点のレビュー状況",
    "trail.section.commits": "コミット",
    "trail.sum.commits": "コミット",
    "trail.sum.changed": "変更されたエントリ",
    "trail.sum.added": "追加されたエントリ",
    "trail.sum.retired": "廃止されたエントリ",
    "trail.sum.removed": "削除されたエントリ",
    "trail.sum.moved": "別のファイルへ移動したエントリ",
    "trail.sum.content_changes": "内容の変更",
    "trail.sum.approved": "承認された変更",
    "trail.sum.unapproved": "有効な承認のない変更",
    "trail.sum.superseded": "後の変更で置き換えられ、その変更が承認されたもの",
    "trail.sum.not_required": "承認不要の変更(その種類では承認を求めていない、または廃止)",
    "trail.sum.approvals": "追加された承認",
    "trail.sum.backed": "git で裏付けられた承認",
    "trail.sum.not_backed": "git で裏付けられない承認",
    "trail.sum.reviews": "実施されたレビュー",
    "trail.sum.overdue": "期末時点でレビュー期限切れ",
    "trail.sum.never": "レビュー記録のないエントリ",
    "trail.sum.evaluated": "評価された委託先",
    "trail.attention": "要確認:",
    "trail.approvers": "承認者ごとの承認数:",
    "trail.item.unapproved": "{entry}: {day} の変更(コミット {commit})に有効な承認がありません",
    "trail.item.not_backed": "{entry}: {person} による {date} 付の承認は git で裏付けられていません: {reason}",
    "trail.item.overdue": "{entry}: レビュー期限 {due}(最終レビュー {last})が期末時点で過ぎていました",
    "trail.overdue_intro": "最終レビュー日にレビュー間隔を足した日が {until} より前の有効なエントリ:",
    "trail.never_intro": "last_reviewed のない有効なエントリ:",
    "trail.col.item": "項目",
    "trail.col.count": "件数",
    "trail.col.entry": "エントリ",
    "trail.col.kind": "種類",
    "trail.col.date": "日付",
    "trail.col.commit": "コミット",
    "trail.col.author": "作成者",
    "trail.col.email": "メールアドレス",
    "trail.col.signature": "署名",
    "trail.col.action": "変更の種類",
    "trail.col.file": "ファイル",
    "trail.col.moved_from": "移動元",
    "trail.col.fields": "変更内容",
    "trail.col.field": "項目",
    "trail.col.old": "変更前",
    "trail.col.new": "変更後",
    "trail.col.approval": "承認",
    "trail.col.approver": "承認者",
    "trail.col.approvals": "承認数",
    "trail.col.backed": "git の裏付けあり",
    "trail.col.role": "役割",
    "trail.col.approved_on": "承認日",
    "trail.col.matches": "そのコミットの内容への承認",
    "trail.col.git": "git の裏付け",
    "trail.col.recorded_by": "記録者",
    "trail.col.reviewed": "最終レビュー日(前 → 後)",
    "trail.col.evaluated": "評価日(前 → 後)",
    "trail.col.result": "結果",
    "trail.col.last_reviewed": "最終レビュー日",
    "trail.col.every": "間隔",
    "trail.col.due": "期限",
    "trail.col.subject": "メッセージ",
    "trail.action.added": "追加",
    "trail.action.modified": "変更",
    "trail.action.moved": "移動",
    "trail.action.retired": "廃止",
    "trail.action.removed": "削除",
    "trail.in_merge": "(マージによる、親にない変更)",
    "trail.moved_from": "({path} から)",
    "trail.content_unchanged": "(内容の変更なし)",
    "trail.approval.approved": "承認済み",
    "trail.approval.superseded": "後の承認済みの変更で置換",
    "trail.approval.unapproved": "有効な承認なし",
    "trail.approval.not_required": "不要",
    "trail.signature.good": "正当",
    "trail.signature.bad": "不正",
    "trail.signature.unsigned": "署名なし",
    "trail.signature.unknown": "不明",
    "trail.kind.person": "体制",
    "trail.kind.control": "管理策",
    "trail.kind.contractor": "委託先",
    "trail.kind.inventory": "個人情報管理台帳",
    "trail.result.pass": "合格",
    "trail.result.conditional": "条件付き",
    "trail.result.fail": "不合格",
    "trail.reason.PML404": "自己承認: 承認者自身が変更しています({reason})",
    "trail.reason.PML405": "コミットが承認者本人のものではありません({reason})",
    "trail.reason.PML406": "コミットに承認者の鍵による署名がありません({reason})",
    "trail.reason.other": "裏付けなし({reason})",
    # end of pmarklint trail
}

RULE_DOCS = {
    "PML001": {
        "title": "YAMLの構文エラー",
        "what": "YAMLとして読めないファイルを、読み取りが止まった行と桁で報告します。",
        "why": "読めない台帳では審査員に何も示せません。記録は利用でき、読める状態に保つ必要があります(記録の管理)。",
        "fix": "示された位置のYAMLを直してください。': ' を含む値や記号で始まる値は引用符で囲み、インデントには"
        "スペースを使います。",
    },
    "PML002": {
        "title": "マッピング内のキーの重複",
        "what": "同じマッピングに2回書かれたキーを報告します。",
        "why": "YAMLの読み込みでは片方の値が黙って捨てられるため、ファイルの記載とツールが読む内容が食い違います。"
        "2通りに読める記録は信頼できる記録ではありません。",
        "fix": "値を1つにしてください。両方必要ならリストにします。",
    },
    "PML003": {
        "title": "データファイルで使えないYAMLの機能",
        "what": "アンカー(&)、エイリアス(*)、タグ(!)、1ファイル内の複数ドキュメント、リストやマッピングのキー、"
        "64段を超える入れ子を報告します。そのファイルはそれ以上読みません。",
        "why": "これらは記録の内容を見えにくくし(エイリアスは別の場所の値を写します)、アンカーは数GBに膨らむ"
        "「YAML爆弾」にも使われます。記録は内容をそのまま書くべきです。",
        "fix": "値は省略せずに書き、1ファイルに1ドキュメントにしてください。",
    },
    "PML004": {
        "title": "テキストとして読めないファイル",
        "what": "UTF-8でないファイル(ExcelがよくShift_JISで保存します)や、pmarklint.yaml の limits.max_file_size "
        "(既定20MiB)より大きいファイルを報告します。",
        "why": "どのツールもどのレビュアーも同じ文字を読める必要があります。別の文字コードの台帳はレビューや差分で"
        "文字化けします。",
        "fix": "UTF-8で保存し直してください。非常に大きい台帳は部門ごとなど複数のファイルに分けます。",
    },
    "PML005": {
        "title": "種類(kind)が分からないYAMLファイル",
        "what": "PMSのフォルダ(people、controls、contractors、inventory)にあるYAMLファイルで、'kind:' が無いか"
        "知らない値のものを報告します。",
        "why": "pmarklintは種類ごとにファイルをチェックします。分類できないファイルはチェックされず、誰もチェック"
        "しない台帳は個人情報の特定漏れにつながります。",
        "fix": "ファイルを 'kind: person'、'kind: control'、'kind: contractor'、'kind: inventory' のいずれかで"
        "始めるか、PMSのフォルダの外に移してください。",
    },
    "PML006": {
        "title": "gitで管理されていないファイル",
        "what": "PMSのフォルダにあってgitが管理していないYAMLファイルを警告します。このファイルはチェックされません。",
        "why": "gitが記録の管理の仕組みです。gitの外のファイルには履歴も承認もなく、コミットにも含まれません。",
        "fix": "'git add' で追加するか、不要な複製なら削除してください。",
    },
    "PML101": {
        "title": "スキーマに合わないエントリ",
        "what": "必須項目の欠落、知らない項目、型の誤り、YYYY-MM-DD でない日付、ISO 8601 でない期間、選択肢に無い値"
        "を報告します。",
        "why": "個人情報管理台帳と委託先管理台帳には、規格が求める項目(個人情報の項目、利用目的、保管期限など)を"
        "チェックできる形で持つ必要があります。型を誤ると見直し日や保管期限が黙ってチェックされなくなります。",
        "fix": "メッセージのとおりに値を直してください。yaml-language-server に対応したエディタでは、入力中に各項目の"
        "説明が表示されます。",
    },
    "PML102": {
        "title": "IDの重複",
        "what": "リポジトリ内の複数のエントリが使っているIDを、両方の場所を示して報告します。",
        "why": "参照、承認、監査証跡はすべてIDを指します。IDが重複すると2つのものを指してしまいます。",
        "fix": "一方のエントリに、これまで使ったことのない新しいIDを付けてください。",
    },
    "PML201": {
        "title": "存在しないIDへの参照",
        "what": "すべての参照を確認します: 責任者、評価者、アクセス権者、承認者、部門、entrusted_to、entrusted_data、"
        "再委託先、適用除外が指すエントリ、要求事項の番号の形(J.x.y)をした管理策のID。",
        "why": "個人情報管理台帳では、各個人情報を誰が扱い、どこに委託しているかを特定する必要があります(J.3.1.1、"
        "J.9.4)。存在しない相手への参照は、審査ですぐに指摘される欠落です。",
        "fix": "欠けている人・委託先・部門・エントリを追加するか、IDを直してください。",
    },
    "PML202": {
        "title": "廃止されたエントリへの参照",
        "what": "現役のエントリが、廃止されたエントリ(status: retired)を参照しているものを報告します。退職した人、"
        "取引を終えた委託先などです。",
        "why": "責任は現にその役割にある人が負う必要があります(J.2.3.1)。廃止した委託先に委託されたままの個人情報は、"
        "誰も監督していない個人情報です。",
        "fix": "後継のエントリを参照するか、参照している側も廃止にしてください。",
    },
    "PML203": {
        "title": "委託の両側の記載の不一致",
        "what": "委託先が entrusted_data を記載している場合、個人情報管理台帳の entrusted_to と双方向に照合し、"
        "どちらを直すべきかを示します。",
        "why": "委託先の監督(J.9.4)は、各委託先がどの個人情報を持っているかを正確に知ることから始まります。食い違う"
        "2つの台帳が両方正しいことはありません。",
        "fix": "委託先の entrusted_data と台帳の entrusted_to が互いを指すようにしてください。",
    },
    "PML204": {
        "title": "ファイルが見つからない文書・証跡のパス",
        "what": "管理策の documents[].path と records[].evidence(パス、または records/audit/*.md のようなglob)を、"
        "gitが管理するファイルと照合します。",
        "why": "文書化した情報は存在し、管理されている必要があります(J.4.5)。PMSが指しているのに誰も開けない規程や"
        "記録は、審査で指摘されます。",
        "fix": "文書をリポジトリに追加(git add)するか、パスを直してください。",
    },
    "PML205": {
        "title": "管理策のない要求事項",
        "what": "リポジトリの管理策を、framework のカタログ(pmark-2023: 指針の58の要求事項)と照合します。各要求事項"
        "には管理策、または理由付きの not_applicable が必要です。",
        "why": "PMSはすべての要求事項に対応する必要があります(J.1.5)。書かれていない項目は、誰も判断していない項目"
        "です。カタログの表題は独自の言い換えで、一部は verified: false です。",
        "fix": "カタログから該当項目を写すか(pmarklint init が書き込みます)、理由を付けて not_applicable にしてください。",
    },
    "PML301": {
        "title": "見直しの期限切れ",
        "what": "last_reviewed に見直し間隔(review_every、なければ pmarklint.yaml の review.every、既定 P1Y)を足した日が"
        "今日より前のエントリを報告します。",
        "why": "個人情報管理台帳などは少なくとも年1回見直し、最新に保つ必要があります(J.3.1.1)。見直しの期限切れは最も"
        "多い指摘事項の一つです。",
        "fix": "エントリを見直し、last_reviewed を見直した日にしてください。",
    },
    "PML302": {
        "title": "見直し期限が近い、または未見直し",
        "what": "見直し期限が警告期間(review.warn_within、既定 P30D)に入ったもの、および last_reviewed が無いエントリを"
        "警告します。",
        "why": "期限前に計画した見直しは指摘になりません(J.3.1.1)。",
        "fix": "見直しを計画し、実施したら last_reviewed を記録してください。",
    },
    "PML303": {
        "title": "委託先評価の欠落・不合格・期限切れ",
        "what": "評価の無い委託先、適用除外の無い不合格(result: fail)、委託先の見直し間隔(既定 年1回)より古い評価を"
        "報告します(警告期間内は警告)。",
        "why": "委託先は基準に従って選定し、定期的に確認する必要があります(J.9.4)。法令の文言は「定期的に」で、年1回は"
        "コンサルタントが勧める一般的な運用のため、間隔は設定で変えられます。",
        "fix": "委託先を評価し、evaluation: {date, result, evaluator} を記録してください。",
    },
    "PML304": {
        "title": "契約・認証・適用除外の期限切れ",
        "what": "委託先の contract.expires や certifications[].expires が今日より前のもの(警告期間内は警告)、期限を"
        "過ぎた pmarklint.yaml の適用除外を報告します。",
        "why": "委託した個人情報は、保管している間ずっと契約の下にある必要があります(J.9.4)。委託先の水準の根拠にする"
        "認証は有効でなければなりません。",
        "fix": "契約や認証を更新して日付を直すか、委託先を廃止にしてください。",
    },
    "PML305": {
        "title": "未来の日付",
        "what": "実施したことを記録する日付(last_reviewed、evaluation.date、contract.signed、approvals[].date、"
        "recurring[].last_done、overseas[].last_checked、retired_on)が今日より後のものを報告します。",
        "why": "記録は正確である必要があります(J.4.5.5)。明日の見直しは実施済みにできず、未来の日付はそれを読む"
        "すべてのチェックを黙って先送りします。",
        "fix": "実際に行った日を書いてください。",
    },
    "PML306": {
        "title": "管理策の定期作業の期限切れ",
        "what": "管理策の recurring の last_done に every を足した日が今日より前のものを報告します(警告期間内と、"
        "未実施のものは警告)。",
        "why": "教育、内部監査、マネジメントレビューなどの年次作業(J.4.3、J.6.2、J.6.3)は、更新審査で2年分の記録が"
        "確認されます。",
        "fix": "作業を実施し、last_done を記録してください。",
    },
    "PML307": {
        "title": "外国への提供の記載不足・確認切れ",
        "what": "国または根拠の無い外国への提供と、基準適合体制による提供で定期確認(last_checked)が無いか1年より"
        "古いものを報告します。",
        "why": "外国にある第三者への提供には根拠が必要で、基準適合体制の場合は提供先を定期的に確認する必要があります"
        "(J.8.8.1)。法令の文言は「定期的に」で、年1回は本ツールの解釈です。",
        "fix": "国、根拠、最後に確認した日を記録してください。",
    },
    "PML308": {
        "title": "プライバシーマークの更新",
        "what": "organization.certification.expires がある場合、更新申請の受付期間(有効期限の8か月前から4か月前)の間は"
        "警告、期間が終わった後や期限切れはエラーにします。",
        "why": "プライバシーマークの有効期間は2年で、途切れずに更新するにはこの期間に申請する必要があります。最終日が"
        "休業日の場合は翌営業日になりますが、このチェックは休業日を知りません。",
        "fix": "審査機関に更新を申請し、更新後に有効期限を直してください。",
    },
    "PML401": {
        "title": "承認のないエントリ",
        "what": "承認が一つもない有効なエントリを報告します。対象は pmarklint.yaml の require_approvals で承認を求めている"
        "種類です(warning: 導入中のやることリストとして警告、error: 必須としてエラー。全種類一括でも種類ごとでも指定できます)。"
        "require_approvals がなければ報告しません。廃止したエントリには承認は要りません。",
        "why": "PMSの台帳と管理策は責任者が承認します。台帳は個人情報保護管理者、管理策と体制はトップマネジメントです"
        "(J.2.3.1)。内容に結び付いた承認なら、何を承認したかが明確になります。",
        "fix": "承認者がエントリを確認して 'pmarklint sign ID --as 承認者ID' を実行し(ファイル単位でも可)、変更をコミット"
        "してください。手順は docs/approvals.md にあります。",
    },
    "PML402": {
        "title": "承認者が不明、または承認できる役割でない",
        "what": "エントリの承認と pmarklint.yaml の適用除外の承認者を確認します。体制にいる現役の人で、対象エントリの種類を"
        "承認できる役割(pmarklint.yaml の approvals)を持っている必要があります。エントリの承認に書く役割は、その人が"
        "持っている役割でなければなりません。",
        "why": "PMSの承認や例外は責任ある管理者が決めることです(J.2.3.1)。誰でも書ける承認や適用除外は管理になりません。",
        "fix": "適切な役割の人に承認してもらい(エントリは pmarklint sign ... --as 承認者ID、適用除外は approved_by)、"
        "無効な承認は削除してください。",
    },
    "PML403": {
        "title": "古くなった承認",
        "what": "ダイジェストがエントリの現在の内容と一致しない承認を報告します。承認後にエントリの値が変更されたということ"
        "です(コメント、引用符、レイアウトの変更は含みません)。現在の内容に有効な別の承認があれば報告しません。"
        "重大度は require_approvals に従います(error 以外は警告)。",
        "why": "承認は承認者が見た内容に対するものです(J.2.3.1)。その後の変更は、どれほど小さくても承認されていません。",
        "fix": "承認者が変更を確認して改めて承認してください。'pmarklint sign ID --as 承認者ID' で承認がその場で更新されます。",
    },
    "PML404": {
        "title": "自己承認",
        "what": "有効な承認ごとに、それを追加したコミットと、承認された内容をエントリにもたらしたコミットをたどり、両方が承認者"
        "本人(名簿の emails)によるものなら報告します。同じ人がエントリの変更と自分の承認を同じコミットにしようとする場合は、"
        "コミット前に報告します。",
        "why": "職務の分離: 記録は作成者とは別の人が承認します(J.2.3.1)。",
        "fix": "この種類を承認できる別の人がエントリを確認し、自分のコミットで承認してください。",
    },
    "PML405": {
        "title": "git で裏付けられない承認",
        "what": "承認を追加したコミットの作成者が承認者本人(emails のいずれか)でない場合、親コミット時点の名簿に承認者または"
        "その役割がなかった場合、履歴のどのコミットも追加していない場合に報告します。コミット前は、追加される承認が"
        "コミットする人(git var GIT_AUTHOR_IDENT)のものであることを確認します。",
        "why": "ファイルには誰の名前でも書けます。誰がコミットしたかという git の記録が、承認を審査の証拠にします"
        "(J.2.3.1、J.4.5.5)。",
        "fix": "承認者本人が承認してコミットしてください: pmarklint sign ID --as 承認者ID のあと git commit。",
    },
    "PML406": {
        "title": "承認者の署名がない承認コミット",
        "what": "require_signed_approvals: true のとき、承認を追加したコミットに、親コミット時点の名簿にある承認者の"
        "signing_keys による有効な SSH 署名がない承認を報告します。署名は git が検証します。",
        "why": "git の作成者名は誰でも設定できますが、承認者の鍵による署名は本人にしか作れません。",
        "fix": "SSH 鍵でのコミット署名を設定し(docs/approvals.md)、公開鍵を signing_keys に追加して、署名付きコミットで"
        "承認し直してください。",
    },
    "PML407": {
        "title": "承認のない承認権限の付与",
        "what": "記録を承認する役割(pmarklint.yaml の approvals)を持つ人の名簿エントリに、名簿を承認できる他の人による、"
        "git で裏付けられた承認がない場合に報告します。名簿に承認できる人がまだいなかったときに付与された役割"
        "(最初の体制)は対象外です。",
        "why": "そうしないと、誰でも自分を個人情報保護管理者として名簿に追加し、以後承認できてしまいます。",
        "fix": "トップマネジメント(approvals.person)に名簿エントリを確認して承認してもらってください: pmarklint sign ID --as 承認者ID。",
    },
    "PML901": {
        "title": "必要な履歴がない",
        "what": "承認の履歴を確認する必要があるのにシャロークローンである場合(エラー)と、git の外で履歴のチェックを"
        "省略した場合(警告)に報告します。",
        "why": "履歴がなければ誰が何を承認したかを証明できません。黙って合格にするチェックは、ないより悪いものです。",
        "fix": "履歴をすべて取得してください。GitHub Actions では actions/checkout に fetch-depth: 0、それ以外では "
        "git fetch --unshallow。PMS は git で管理してください。",
    },
    "PML501": {
        "title": "役割の兼任の禁止",
        "what": "同じ人が個人情報保護管理者と個人情報保護監査責任者を兼ねている場合、またはトップマネジメントが監査責任者"
        "を兼ねている場合を報告します。",
        "why": "監査責任者は監査対象の管理から独立している必要があります(J.2.3.2)。管理者と監査責任者の兼任は不適合"
        "です。トップマネジメントの兼任はコンサルタントの実務に基づくため、重大度は設定で変えられます。",
        "fix": "どちらかの役割を別の人にしてください。",
    },
    "PML502": {
        "title": "必須の役割が未割当て",
        "what": "トップマネジメント、個人情報保護管理者、個人情報保護監査責任者を持つ現役の人がいない場合に警告します。",
        "why": "トップマネジメントは個人情報保護管理者と監査責任者を指名します(J.2.3.2)。これらが無ければPMSには責任者"
        "も監査もありません。",
        "fix": "people/ に役割と共に記入してください。",
    },
    "PML503": {
        "title": "契約に必要な条項の欠落",
        "what": "契約が記録されていない委託先、または契約に8項目(責任の明確化、安全管理、再委託、取扱状況の報告、"
        "遵守状況の確認、違反時の措置、事件・事故時の報告、契約終了後の措置)の一部が無い委託先を報告します。",
        "why": "指針は委託契約にこの8項目を盛り込むことを求めています(J.9.4)。",
        "fix": "契約を見直し、contract.clauses の各項目を true にしてください。",
    },
    "PML504": {
        "title": "保管期限・廃棄方法の未設定",
        "what": "retention.period または disposal の無い個人情報管理台帳のエントリを報告します。",
        "why": "台帳には各個人情報の保管期限と廃棄方法を記載する必要があります(J.3.1.1、J.9.1)。",
        "fix": "retention.period(例: P5Y)と根拠、disposal を書いてください。",
    },
    "PML505": {
        "title": "台帳に書かれた実在の個人情報",
        "what": "すべての値から、実在のメールアドレス、日本の電話番号、個人番号(チェックデジットが正しい12桁なので、"
        "普通の番号では反応しません)らしきものを探します。体制の emails は対象外です。メッセージでは値を伏せ字にします。",
        "why": "台帳は個人情報を説明するもので、個人情報そのものをgitに置くと、すべての複製とログに広がります"
        "(J.9.2)。個人番号は法令の目的にしか扱えません。",
        "fix": "値を削除してください。既知の誤検知(会社の公開窓口のアドレスなど)は pmarklint.yaml の "
        "rules.PML505.allow に書きます。",
    },
}
