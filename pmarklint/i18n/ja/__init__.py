"""日本語のメッセージ。分野ごとのモジュール(pmarklint.i18n.assembly.AREAS)に分けています。キーとプレースホルダーは
en/ の同名のモジュールと揃えること(テストで確認しています)。"""

from pmarklint.i18n.assembly import assemble

MESSAGES, RULE_DOCS = assemble(__name__)
