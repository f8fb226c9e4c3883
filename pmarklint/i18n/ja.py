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
    "ui.explain_untracked": "(このファイルはgitに追加されていません)",
    "ui.init_exists": "{path} は既にあるため、そのままにしました",
    "ui.init_created": "{path} を作成しました",
    "ui.init_done": "{path} に新しいPMSリポジトリを用意しました。次に、そこにある README.md を読み、people/ と "
    "pmarklint.yaml を記入してから 'pmarklint check {path}' を実行してください。",
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
}
