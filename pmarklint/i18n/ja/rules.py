"""日本語: チェックの言葉(ルールコード別)。MESSAGES は指摘のメッセージ(``PMLxxx.*``)とそこから引く語
(``hint.*``、``expect.*``、``type.*``、``field.*``、``role.*``)、RULE_DOCS は説明(pmarklint explain、
docs/rules.md)。対応する英語は en/rules.py。"""

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
    "hint.fullwidth": "この行は全角スペース(U+3000)でインデントされています。YAMLのインデントは半角スペースだけです。"
    "半角スペースに置き換えてください。",
    "hint.dash_space": "リストの項目は '-' の後に半角スペースが必要です。'-id: …' ではなく '- id: …' と書いてください。",
    "hint.colon_space": "キーの ':' の後に半角スペースが必要です。'name:値' ではなく 'name: 値' と書いてください。",
    "hint.empty_list": "'[]' は空のリストという意味ですが、その下に項目があります。項目を書いたら '[]' を削除してください"
    "('entries:' だけの行にします)。",
    "hint.over_indented": "この行は、値のある上の行より深くインデントされています。上の行のキーと同じ位置から書き始めて"
    "ください。",
    "PML001.fullwidth_key": "キー '{key}' が全角スペース(U+3000)でインデントされていて、YAMLはそれをキーの一部として"
    "読みます。半角スペースでインデントしてください",
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
    "PML003.long_number": "{digits}桁の数があります。データファイルでは{limit}桁を超える数は不要です。文字列なら引用符で"
    "囲んでください(このファイルはここで読むのをやめました)",
    # PML004
    "PML004.symlink": "このファイルはシンボリックリンク({target}へのリンク)です。pmarklintはリンクを読みません。"
    "ファイルそのものをコミットしてください",
    "PML004.symlink_outside": "このファイルはリポジトリの外を指すシンボリックリンクです。pmarklintはリンクを読みません。"
    "ファイルそのものをコミットしてください",
    "PML004.outside": "このファイルのパスにあるフォルダが、リポジトリの外に通じるシンボリックリンクです。pmarklintは"
    "読みません。フォルダそのものをコミットしてください",
    "PML004.unreadable": "ファイルを読めません: {error}",
    "PML004.too_large": "ファイルが{size}バイトあり、上限の{limit}バイト(pmarklint.yaml の limits.max_file_size)を"
    "超えています。台帳を複数のファイルに分けてください",
    "PML004.history_too_large": "コミット {commit} のこのファイルは{size}バイトあり、上限の{limit}バイト"
    "(pmarklint.yaml の limits.max_file_size)を超えているため、履歴のこの版は読んでいません。この版(その時点の"
    "名簿など)に依る承認はgitで裏付けられません",
    "PML004.shift_jis": "UTF-8ではありません({offset}バイト目)。ExcelでCSVやテキストを保存したときのShift_JISの"
    "ようです。UTF-8で保存し直してください(Excelでは「CSV UTF-8」、エディタでは文字コードUTF-8)",
    "PML004.not_utf8": "UTF-8のテキストではありません({offset}バイト目)。UTF-8で保存してください",
    # PML005
    "PML005.missing_kind": "ファイルの先頭に 'kind:' がありません。PMSのフォルダのファイルは 'kind: person'、"
    "'kind: control'、'kind: contractor'、'kind: inventory' のいずれかで始めます",
    "PML005.unknown_kind": "'{kind}' は知らない種類です{suggestion}。従業者(person)、管理策(control)、委託先(contractor)、"
    "個人情報(inventory)などの種類を書いてください",
    "PML005.not_mapping": "ファイルが 'kind:' と 'entries:' を持つ「キー: 値」の形になっていません",
    # PML006
    "PML006.untracked": "gitで管理されていないファイルです。チェックされず、コミットにも含まれません。'git add' で"
    "追加するか、削除してください",
    # PML007
    "PML007.too_long": "この値は{length}文字あり、上限の{limit}文字(pmarklint.yaml の limits.max_string_length)を"
    "超えています。台帳の値がこれほど長いのはほとんどが貼り付けの誤りです。短くするか、長い文章は文書にしてその"
    "パスを書いてください",
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
    "PML101.hidden_newline": "'{field}' は{expect}で書きます。末尾に改行があります({value} と書かれています)。改行を削除し、1行で書いてください(| や > の複数行にしない)",
    "PML101.hidden_linebreak": "'{field}' は{expect}で書きます。途中に改行があります({value} と書かれています)。1行で書いてください",
    "PML101.hidden_space": "'{field}' は{expect}で書きます。前後に空白があります({value} と書かれています)。空白を削除してください",
    "PML101.hidden_fullwidth": "'{field}' は{expect}で書きます。全角の文字が含まれています({chars}。{value} と書かれています)。半角で入力してください",
    "PML101.hidden_invisible": "'{field}' は{expect}で書きます。見えない文字が含まれています({chars}。{value} と書かれています)。値を打ち直してください",
    "PML101.empty": "'{field}' が空です",
    "PML101.unique": "'{field}' に同じ値が2回あります",
    "PML101.minimum": "'{field}' は{limit}以上です({value} と書かれています)",
    "PML101.other": "'{field}': {detail}",
    "PML101.more": "…ほか{count}件、この項目にスキーマの問題があります(最初の20件だけを表示しています)。上の問題を"
    "直してから、もう一度チェックしてください",
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
    "type.object": "「キー: 値」の並び",
    "type.null": "空",
    # PML102
    "PML102.duplicate": "ID '{id}' が2回使われています(もう一方は {other_file}:{other_line})。IDはリポジトリ全体で"
    "一意で、再利用しません。どちらかに新しいIDを付けてください",
    # PML201
    "PML201.department": "部門 '{id}' は定義されていません。pmarklint.yaml の departments に追加するか、IDを直してください",
    "PML201.person": "ID '{id}' の人は名簿(people/)にいません。追加するか、IDを直してください",
    "PML201.contractor": "ID '{id}' の委託先は委託先管理台帳にありません。追加するか、IDを直してください",
    "PML201.inventory": "ID '{id}' は個人情報管理台帳にありません。追加するか、IDを直してください",
    "PML201.control": "'{id}' は指針の要求事項の番号ではありません。番号を確認してください(独自の管理策には J.x.y の形でないIDを付けます)",
    "PML201.waiver_entry": "例外承認が指す '{id}' はこのリポジトリのエントリではありません。IDを直すか、例外承認を削除してください",
    # PML202
    "PML202.retired_person": "{person} は {retired_on} に名簿から外れています({file})。在籍している人に替えてください",
    "PML202.retired": "'{id}' は {retired_on} に廃止されています({file})。後継のエントリを参照してください",
    # PML203
    "PML203.contractor_side": "このエントリは {contractor} に委託していますが、{contractor} の entrusted_data({file})に {inventory} がありません。そちらに {inventory} を追加するか、ここから {contractor} を外してください",
    "PML203.inventory_side": "{contractor} は {inventory} を委託された個人情報としていますが、{inventory} の entrusted_to({file})に {contractor} がありません。そちらに {contractor} を追加するか、ここから {inventory} を外してください",
    # PML204
    "PML204.outside": "'{target}' はリポジトリの外を指すシンボリックリンクです。文書としては数えません。文書そのものを"
    "コミットしてください",
    "PML204.missing": "'{target}' に当たるファイルがリポジトリにありません。文書を追加(git add)するか、パスを直してください",
    # PML205
    "PML205.missing": "{framework} の要求事項 {id}({title})に対応する管理策がありません。追加するか(pmarklint init がカタログを写します)、status: not_applicable と理由を書いてください",
    # PML301
    "PML301.overdue": "見直しの期限切れです。最終見直し {last}、間隔が{every}のため期限は {due} でした。見直して last_reviewed を更新してください",
    # PML302
    "PML302.soon": "見直し期限が {due} です(最終見直し {last}、間隔{every})",
    "PML302.never": "見直した日がまだ記録されていません。内容を確認して、確認した日を last_reviewed に記録してください",
    # PML303
    "PML303.missing": "この委託先は評価されていません。評価して evaluation: {{date, result, evaluator}} を記録してください",
    "PML303.failed": "{date} の評価が不合格です。委託を終了するか、再評価するか、理由を付けて例外承認にしてください",
    "PML303.overdue": "委託先評価の期限切れです。評価日 {last}、間隔が{every}のため期限は {due} でした",
    "PML303.soon": "委託先評価の期限が {due} です(評価日 {last}、間隔{every})",
    # PML304
    "PML304.contract_expired": "契約が {date} に満了しています。更新して contract.expires を直すか、委託先を廃止にしてください",
    "PML304.contract_soon": "契約が {date} に満了します",
    "PML304.certification_expired": "{kind}の認証の有効期限が {date} に切れています。更新を確認して日付を直してください",
    "PML304.certification_soon": "{kind}の認証の有効期限が {date} です",
    "PML304.waiver_expired": "この {rule} の例外承認は {date} に期限が切れ、もう適用されません。指摘を直すか、新しい期限と承認で更新してください",
    # PML305
    "PML305.future": "'{field}' が {date} で、まだ来ていない日付です。記録の日付は未来にできません",
    # PML306
    "PML306.overdue": "「{task}」の期限切れです。最終実施 {last}、間隔が{every}のため期限は {due} でした",
    "PML306.soon": "「{task}」の期限が {due} です(最終実施 {last}、間隔{every})",
    "PML306.never": "「{task}」はまだ実施されていません。実施して last_done を記録してください",
    # PML307
    "PML307.incomplete": "外国への提供に {missing} がありません。国(ISOコード)と根拠(本人の同意(consent)、基準適合体制(equivalent_system)、十分性認定(adequacy)のいずれか)を書いてください",
    "PML307.never": "{country} への提供は基準適合体制によるため、提供先の措置を定期的に確認する必要があります。last_checked を記録してください",
    "PML307.overdue": "{country} への提供の定期確認が期限切れです(最終確認 {last}、期限 {due})",
    "PML307.soon": "{country} への提供の定期確認の期限が {due} です(最終確認 {last})",
    # PML308
    "PML308.window": "プライバシーマークの有効期限は {expires} です。更新申請の受付期間は {closes} までです。更新を申請してください",
    "PML308.closed": "更新申請の受付期間は {closes} に終わり、プライバシーマークは {expires} に期限が切れます。すぐに審査機関に連絡してください",
    "PML308.expired": "プライバシーマークの有効期限が {expires} に切れています。更新後に organization.certification を直してください",
    # PML401
    "PML401.missing": "承認がありません。{kind}のエントリには{roles}の承認が必要です(pmarklint.yaml の require_approvals)。承認者が 'pmarklint sign {id} --as 承認者ID' で記録してください",
    # PML402
    "PML402.waiver_unknown": "例外承認の承認者 {person} は名簿にいる現役の人ではないため、例外承認は無効です",
    "PML402.waiver_role": "{person} は{kind}のエントリの例外承認を承認できません(承認できる役割: {roles})。例外承認は無効です",
    "PML402.unknown": "この承認の承認者 {person} は名簿にいる現役の人ではないため、何も承認していません。名簿にいる承認者が改めて承認してください",
    "PML402.role_not_allowed": "{person} は役割 {role_id} で承認していますが、この役割では{kind}のエントリを承認できません(承認できる役割: {roles})。承認できる役割の人が承認してください",
    "PML402.role_not_held": "{person} は役割 {role_id} で承認していますが、名簿上その役割を持っていません。役割を直すか、その役割を持つ人が承認してください",
    # PML403
    "PML403.stale": "承認が古くなっています。{person} が {role_id} として {date} に承認した後にエントリが変更されました。変更を確認して改めて承認してください('pmarklint sign {id} --as {person_id}')",
    "PML403.stale_fields": "承認が古くなっています。{person} が {role_id} として {date} に承認した後に次の項目が変更されました: {fields}。変更を確認して改めて承認してください('pmarklint sign {id} --as {person_id}')",
    # PML404
    "PML404.own_change": "自己承認です。{person} が自分で書いた内容(コミット {commit}、{day})を承認しています。この種類を承認できる別の人が確認して承認してください",
    "PML404.own_pending": "自己承認です。{person} がこのエントリの変更と自分の承認を同じコミットにしようとしています。変更だけをコミットし、この種類を承認できる別の人に承認してもらってください",
    # PML405
    "PML405.author": "{person} 名義の承認を追加したコミット {commit}({day})の作成者は {author} で、本人ではありません({emails})。{person} 本人が承認してコミットしてください('pmarklint sign ... --as {person_id}')。プルリクエストをスカッシュやリベースでマージすると、正しい承認もこうなります。マージコミットでマージしてください(docs/integrations)",
    "PML405.not_in_roster": "{person} 名義の承認はコミット {commit}({day})で追加されましたが、その時点で {person} は名簿の有効な人ではありませんでした。承認は名簿に登録済みの人のものだけが有効です。新しいコミットで承認し直してください",
    "PML405.role_then": "{person} の {role_id} としての承認はコミット {commit}({day})で追加されましたが、その時点の名簿ではその役割がありませんでした。新しいコミットで承認し直してください",
    "PML405.untraced": "{person} によるこの承認を追加したコミットが履歴に見つかりません(マージで入ったか、履歴が不完全です)。{person} が新しいコミットで承認し直してください",
    "PML405.pending": "{person} 名義のこの承認はまだコミットされておらず、あなたは {who} としてコミットしようとしています。コミットできるのは {person} 本人({emails})だけです。このコミットから外して本人に承認を依頼するか、本人であれば git の設定(git config user.email)を直してください",
    # PML406
    "PML406.unsigned": "{person} の承認を追加したコミット {commit} に、本人の signing_keys による有効な SSH 署名がありません。{person} が署名付きコミットで承認し直してください(docs/approvals.md: コミット署名の設定)",
    "PML406.no_keys": "署名付き承認が必須ですが、名簿(コミット {commit} 時点)の {person} に signing_keys がありません。SSH 公開鍵を people/ に追加して承認を受け、署名付きコミットで承認し直してください",
    # PML407
    "PML407.unapproved": "{person} は承認を行う役割 {role_id} を持っていますが、この名簿エントリに他の人({roles})の有効な承認がありません。確認して 'pmarklint sign {person_id} --as 承認者ID' を実行してもらってください",
    # PML901
    "PML404.unsigned_change": "{person} のこの承認が承認している変更はコミット {commit}({day})で書かれましたが、このコミットには名簿のどの署名鍵の署名もありません。署名付き承認が必須のため、誰が書いたかがわからず、別の人による確認であることを示せません。変更を署名付きのコミットで書き直し、{person} に承認してもらってください",
    "PML405.committer": "{person} 名義の承認を追加したコミット {commit}({day})の作成者は {author} ですが、コミットしたのは {committer} で、本人ではありません({emails})。{person} 本人が承認をコミットしてください('pmarklint sign ... --as {person_id}')。ホスティングサービスでリベースしてマージすると、すべてのコミットが別の名前でコミットし直されます。マージコミットでマージしてください(docs/integrations)",
    # PML408
    "PML408.roster": "コミット {commit} での {person} の変更(メールアドレス、署名鍵、または退職からの復帰)は、有効な名簿よりも多くの権限を与えますが、承認できる人({roles})の承認がありません。承認されるまで、pmarklint はすべての承認を変更前の名簿で判定します。この名簿エントリを確認して承認してもらってください",
    "PML408.roster_pending": "この {person} の変更(メールアドレス、署名鍵、または退職からの復帰)は、有効な名簿よりも多くの権限を与えますが、まだ承認されていません。コミットしたあと、{person} 以外の承認できる人({roles})に、その人自身のコミットで承認してもらってください",
    "PML408.policy": "pmarklint.yaml の承認に関する設定({keys})がコミット {commit} で変更されましたが、承認できる人({roles})の承認がありません。承認されるまで、pmarklint は変更前の設定で承認を判定し、これはエラーです。pmarklint.yaml を確認して、その人自身のコミットで 'pmarklint sign pmarklint.yaml --as 承認者ID' を実行してもらってください",
    "PML408.policy_pending": "この pmarklint.yaml の承認に関する設定({keys})の変更はまだ承認されていません。コミットしたあと、承認できる人({roles})に pmarklint.yaml を確認して、その人自身のコミットで 'pmarklint sign pmarklint.yaml --as 承認者ID' を実行してもらってください",
    # PML409
    "PML409.after_commit": "{person} の承認の日付 {date} は、この承認を追加したコミット {commit}({day})より後です。承認の日付は承認した日です。もう一度承認してください('pmarklint sign')",
    "PML409.before_change": "{person} の承認の日付 {date} は、承認している内容が書かれたコミット {written}({day})より前です。まだ書かれていない内容は承認できません。もう一度承認してください('pmarklint sign')",
    "PML901.no_git": "このフォルダは git リポジトリの中にないため、承認を追加したのが誰かを証明できません(PML404〜PML409)。git の履歴で証明できるよう、PMS リポジトリのクローンをチェックしてください",
    "PML901.shallow": "浅いクローンです。git の履歴から承認を追加した人を証明できません。履歴をすべて取得してください。GitHub Actions では actions/checkout に 'fetch-depth: 0' を指定し、それ以外では 'git fetch --unshallow' を実行してください",
    # PML501
    "PML501.conflict": "同じ人が{first}と{second}を兼ねています。監査は監査対象から独立している必要があります。どちらかを別の人にしてください",
    # PML502
    "PML502.unassigned": "{role_id}が誰にも割り当てられていません。people/ で担当する人の roles に加えてください",
    # PML503
    "PML503.no_contract": "この委託先の契約が記録されていません。contract: {{signed, clauses}} を記録してください",
    "PML503.missing": "契約に必要な8項目のうち{count}項目がありません: {clauses}",
    # PML504
    "PML504.retention": "保管期限(retention.period。例: P5Y = 5年)がありません。保管する期間を書いてください",
    "PML504.disposal": "廃棄方法(disposal)がありません。最後にどう廃棄するかを書いてください",
    # PML505
    "PML505.email": "実在のメールアドレスのようです({shown})。台帳には個人情報の項目名を書き、個人情報そのものは書きません。削除してください(誤検知なら rules.PML505.allow に追加)",
    "PML505.phone": "実在の電話番号のようです({shown})。台帳には個人情報の項目名を書き、個人情報そのものは書きません。削除してください(誤検知なら rules.PML505.allow に追加)",
    "PML505.my_number": "個人番号(マイナンバー)のようです({shown})。ここに書いてはいけません。すぐに削除し、ほかに写されていないか確認してください",
    "role.top_management": "トップマネジメント",
    "role.privacy_manager": "個人情報保護管理者",
    "role.audit_lead": "個人情報保護監査責任者",
    "role.internal_auditor": "内部監査員",
    "role.with_id": "{name}({id})",
    "person.with_id": "{name}({id})",
    # durations (P1Y → 1年): every, within
    "duration.year.one": "1年",
    "duration.year.many": "{count}年",
    "duration.month.one": "1か月",
    "duration.month.many": "{count}か月",
    "duration.week.one": "1週間",
    "duration.week.many": "{count}週間",
    "duration.day.one": "1日",
    "duration.day.many": "{count}日",
    "duration.joiner": "",
    # kinds of entry, and kinds of certification (PML304), by the value written in the files
    "kind.person": "従業者",
    "kind.control": "管理策",
    "kind.contractor": "委託先",
    "kind.inventory": "個人情報",
    "kind.training": "教育",
    "kind.corrective": "是正処置",
    "kind.audit_plan": "内部監査計画",
    "kind.audit_report": "内部監査報告",
    "kind.review": "マネジメントレビュー",
    "kind.plan": "年間計画",
    "kind.incident": "事故",
    "kind.request": "開示等の請求",
    "kind.drill": "緊急事態への準備の訓練",
    "kind.complaint": "苦情・相談",
    "kind.disposal": "廃棄記録",
    "kind.operation_check": "運用の確認",
    "kind.pmark": "プライバシーマーク",
    "kind.isms": "ISMS",
    "kind.other": "その他",
    # the eight contract clauses (PML503), by their names in contract.clauses
    "clause.responsibilities": "委託者及び受託者の責任の明確化",
    "clause.security_measures": "安全管理に関する事項",
    "clause.subcontracting": "再委託に関する事項",
    "clause.reporting": "取扱状況の報告の内容及び頻度",
    "clause.audit_rights": "契約内容が遵守されていることの確認",
    "clause.breach_measures": "契約内容が遵守されなかった場合の措置",
    "clause.incident_reporting": "事件・事故が発生した場合の報告・連絡",
    "clause.end_of_contract": "契約終了後の措置",
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
        "(既定20MiB)より大きいファイル、シンボリックリンクや、リポジトリの外に通じるリンクのフォルダにあるファイル"
        "(pmarklintは開きません)を報告します。同じ上限を超えるgit履歴の版も読まず、そのコミットを警告で示します"
        "(docs/limits.md)。",
        "why": "どのツールもどの確認者も同じ文字を読める必要があります。別の文字コードの台帳は確認や差分で"
        "文字化けします。リンクは確認する人とチェックに別々のファイルを見せ、リポジトリの外のファイル(/etc/passwd)を"
        "レポートに持ち込むおそれがあります。",
        "fix": "UTF-8で保存し直してください。非常に大きい台帳は部門ごとなど複数のファイルに分けます。リンクではなく"
        "ファイルそのものをコミットしてください。",
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
    "PML007": {
        "title": "長すぎる値",
        "what": "pmarklint.yaml の limits.max_string_length(既定32,767文字、Excelの1セルに入る文字数)より長い"
        "文字列の値(またはキー)を報告します。",
        "why": "数千文字もある台帳の値は、ほとんどが誤り(文書全体をセルに貼り付けたもの)です。Excelの表に出して"
        "戻すことができず、レポートや差分の確認も読みにくくなります。",
        "fix": "値を短くするか、長い文章はリポジトリの文書にしてそのパスを書いてください(documents: や evidence:)。"
        "本当に長い値が必要なら limits.max_string_length を上げてください。",
    },
    "PML101": {
        "title": "スキーマに合わないエントリ",
        "what": "必須項目の欠落、知らない項目、型の誤り、YYYY-MM-DD でない日付、ISO 8601 でない期間、選択肢に無い値"
        "を報告します。ID・日付・期間などに末尾の改行、前後の空白、全角の文字、見えない文字が隠れていれば、そう伝えます。",
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
        "再委託先、例外承認が指すエントリ、要求事項の番号の形(J.x.y)をした管理策のID。",
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
        "why": "期限が来る前に見直しを計画して実施すれば、指摘を受けずに済みます(J.3.1.1)。",
        "fix": "見直しを計画し、実施したら last_reviewed を記録してください。",
    },
    "PML303": {
        "title": "委託先評価の欠落・不合格・期限切れ",
        "what": "評価の無い委託先、例外承認の無い不合格(result: fail)、委託先の見直し間隔(既定 年1回)より古い評価を"
        "報告します(警告期間内は警告)。",
        "why": "委託先は基準に従って選定し、定期的に確認する必要があります(J.9.4)。指針の文言は「定期的に」で、年1回は"
        "コンサルタントが勧める一般的な運用のため、間隔は設定で変えられます。",
        "fix": "委託先を評価し、evaluation: {date, result, evaluator} を記録してください。",
    },
    "PML304": {
        "title": "契約・認証・例外承認の期限切れ",
        "what": "委託先の contract.expires や certifications[].expires が今日より前のもの(警告期間内は警告)、期限を"
        "過ぎた pmarklint.yaml の例外承認を報告します。",
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
        "what": "管理策の recurring の last_done に every を足した日が今日より前のものを報告します(警告期間内の"
        "ものと未実施のものは警告です。未実施の作業は、対応状況が未対応(gap)の管理策と自社に該当しない(not_applicable)"
        "管理策では報告しません)。",
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
        "種類です(warning: 導入期間中の対応リストとして警告、error: 必須としてエラー。全種類一括でも種類ごとでも指定できます)。"
        "require_approvals がなければ報告しません。廃止したエントリには承認は要りません。",
        "why": "PMSの台帳と管理策は責任者が承認します。台帳は個人情報保護管理者、管理策と名簿はトップマネジメントです"
        "(J.2.3.1)。内容に結び付いた承認なら、何を承認したかが明確になります。",
        "fix": "承認者がエントリを確認して 'pmarklint sign ID --as 承認者ID' を実行し(ファイル単位でも可)、変更をコミット"
        "してください。手順は docs/approvals.md にあります。",
    },
    "PML402": {
        "title": "承認者が不明、または承認できる役割でない",
        "what": "エントリの承認と pmarklint.yaml の例外承認の承認者を確認します。名簿にいる現役の人で、対象エントリの種類を"
        "承認できる役割(pmarklint.yaml の approvals)を持っている必要があります。エントリの承認に書く役割は、その人が"
        "持っている役割でなければなりません。",
        "why": "PMSの承認や例外は責任ある管理者が決めることです(J.2.3.1)。誰でも書ける承認や例外承認は管理になりません。",
        "fix": "適切な役割の人に承認してもらい(エントリは pmarklint sign ... --as 承認者ID、例外承認は approved_by)、"
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
        "(最初の名簿)は対象外です。",
        "why": "そうしないと、誰でも自分を個人情報保護管理者として名簿に追加し、以後承認できてしまいます。",
        "fix": "トップマネジメント(approvals.person)に名簿エントリを確認して承認してもらってください: pmarklint sign ID --as 承認者ID。",
    },
    "PML408": {
        "title": "承認のない名簿の変更",
        "what": "記録を承認する人に、有効な名簿よりも多くの権限を与える名簿エントリの変更(新しいメールアドレスや署名鍵、"
        "退職からの復帰)を、名簿を承認できる人(approvals.person)がその人自身のコミットで承認していない場合に報告します。"
        "承認されるまで、すべての承認は変更前の名簿で判定します(承認のない役割の付与は PML407)。pmarklint.yaml の"
        "承認に関する設定(approvals、require_approvals、require_signed_approvals、waivers、paths、rules の PML4xx・"
        "PML9xx)も同じで、変更はトップマネジメント(approvals.policy)が pmarklint sign pmarklint.yaml で承認したときに"
        "有効になります。pmarklint.yaml でこのチェックを無効にしたり、警告に下げたり、例外として扱ったりすることはできません。",
        "why": "名簿は誰が承認できるかを決めます。他人のメールアドレスを自分のものに変え、その人の名前で承認して元に戻す"
        "だけで済むなら、承認は何も証明しません。",
        "fix": "変更をコミットしたあと、変更された本人以外のトップマネジメント(approvals.person)に、そのエントリを確認して"
        "その人自身のコミットで承認してもらってください: pmarklint sign ID --as 承認者ID。",
    },
    "PML409": {
        "title": "承認の日付がコミットと合わない",
        "what": "承認の日付が、承認している内容を書いたコミットより前、またはその承認を追加したコミットより後の場合"
        "(時差のため1日の余裕があります)に報告します。コミットの日付はコミットが示す日付です。このチェックは"
        "日付をさかのぼった承認を見えるようにしますが、日付そのものを証明することはできません。",
        "why": "審査員は承認の日付を確認した日として読みます。内容が書かれる前の日付の承認は事実と異なる記録です。",
        "fix": "確認した日にもう一度承認してください: pmarklint sign ID --as 承認者ID(日付の既定は今日です)。",
    },
    "PML901": {
        "title": "必要な履歴がない",
        "what": "承認の履歴を読めない場合をエラーとして報告します(浅いクローン、git の外にあるフォルダ)。git 自体を"
        "使えない場合(git がない、他のユーザーが所有するリポジトリを git が拒否した、GIT_DIR や .git ファイルがリポジトリでない場所を指している場合)は、"
        "理由を示して終了コード 2 で止まります。pmarklint.yaml でこのチェックを無効にしたり警告に下げたりすることはできません。",
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
        "fix": "people/ で、その役割を担う人の roles に記入してください。",
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
        "fix": "retention.period(例: P5Y = 5年)と根拠、disposal を書いてください。",
    },
    "PML505": {
        "title": "台帳に書かれた実在の個人情報",
        "what": "すべての値から、実在のメールアドレス、日本の電話番号、個人番号(検査用数字が正しい12桁だけを対象にするため、"
        "ほかの番号には反応しません)らしきものを探します。名簿の emails は対象外です。メッセージでは値を伏せ字にします。",
        "why": "台帳は個人情報を説明するもので、個人情報そのものをgitに置くと、すべての複製とログに広がります"
        "(J.9.2)。個人番号は法令の目的にしか扱えません。",
        "fix": "値を削除してください。既知の誤検知(会社の公開窓口のアドレスなど)は pmarklint.yaml の "
        "rules.PML505.allow に書きます。",
    },
}
