"""The schemas in a real editor: yaml-language-server (from the npm registry, what the VS Code YAML
extension runs) shows the bilingual help on hover and answers a bad duration in words, not with the
regular expression. Needs node and npm; the server is installed once into a temporary folder (or taken from
PMARKLINT_YAML_LANGUAGE_SERVER, the path of its bin/yaml-language-server)."""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, ClassVar

import pytest

from helpers.repos import ROOT

DOCUMENT = """\
# yaml-language-server: $schema={schema}
kind: inventory
entries:
  - id: PI-001
    review_every: 1年
"""


@pytest.fixture(scope="module")
def server_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("PMARKLINT_YAML_LANGUAGE_SERVER")
    if given:
        return Path(given)
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        pytest.skip("node and npm are needed to run yaml-language-server")
    folder = tmp_path_factory.mktemp("yaml-ls")
    installed = subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(folder), "yaml-language-server"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if installed.returncode != 0:
        pytest.skip(f"yaml-language-server could not be installed: {installed.stderr[-500:]}")
    return folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


class Client:
    """Just enough of the language server protocol: requests, notifications, and the server's own
    requests for settings answered with the YAML extension's."""

    SETTINGS: ClassVar[dict[str, Any]] = {
        "validate": True,
        "hover": True,
        "completion": True,
        "schemas": {},
        "schemaStore": {"enable": False},
    }

    def __init__(self, server: Path) -> None:
        self.process = subprocess.Popen(
            ["node", str(server), "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        while True:
            length = 0
            while True:
                line = self.process.stdout.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(self.process.stdout.read(length)))

    def send(self, message: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == self.next_id and "method" not in m).get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def wait(self, wanted: Any, timeout: float = 60) -> dict[str, Any]:
        while True:
            message = self.messages.get(timeout=timeout)
            if message.get("method") == "workspace/configuration":  # the server asks for its settings
                items = message["params"]["items"]
                answer = [self.SETTINGS if i.get("section") == "yaml" else {} for i in items]
                self.send({"id": message["id"], "result": answer})
            elif "method" in message and "id" in message:  # any other request: acknowledged
                self.send({"id": message["id"], "result": None})
            elif wanted(message):
                return message

    def close(self) -> None:
        self.process.kill()
        self.process.wait(timeout=10)
        for pipe in (self.process.stdin, self.process.stdout):
            if pipe is not None:
                pipe.close()


@pytest.mark.slow
def test_hover_shows_the_help_and_a_bad_duration_gets_the_japanese_message(server_path: Path, tmp_path: Path) -> None:
    schema = (ROOT / "schemas" / "inventory.schema.json").as_uri()
    path = tmp_path / "inventory.yaml"
    path.write_text(DOCUMENT.format(schema=schema), encoding="utf-8")
    client = Client(server_path)
    try:
        client.request("initialize", {"processId": os.getpid(), "rootUri": tmp_path.as_uri(), "capabilities": {}})
        client.notify("initialized", {})
        client.notify("workspace/didChangeConfiguration", {"settings": {"yaml": Client.SETTINGS}})
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8")
        client.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
        )
        published = client.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and m["params"]["diagnostics"]
            )
        )
        messages = [d["message"] for d in published["params"]["diagnostics"]]
        assert any("期間は P1Y(1年)" in m for m in messages), messages
        assert not any("^P(?!$)" in m for m in messages), messages  # no raw regular expression
        hover = client.request(
            "textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 4, "character": 6}}
        )
        assert hover is not None
        contents = json.dumps(hover["contents"], ensure_ascii=False)
        assert "見直し間隔" in contents and "Review interval" in contents
    finally:
        client.close()


def test_every_field_of_every_data_file_has_help_in_both_languages() -> None:
    """What the hover shows: a description, Japanese then English, on every field an editor can point at."""
    bare: list[str] = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for name, sub in (node.get("properties") or {}).items():
                if isinstance(sub, dict) and "$ref" not in sub:
                    description = sub.get("description", "")
                    if "\n\n" not in description or not re.search(r"[^\x00-\x7f]", description.split("\n\n")[0]):
                        bare.append(f"{where}.{name}")
                walk(sub, f"{where}.{name}")
            for key, sub in node.items():
                if key not in ("properties", "if"):  # an "if" names fields, it does not define them
                    walk(sub, where)
        elif isinstance(node, list):
            for sub in node:
                walk(sub, where)

    for path in sorted((ROOT / "schemas").glob("*.schema.json")):
        if path.name not in ("check-output.schema.json", "trail.schema.json"):
            walk(json.loads(path.read_text(encoding="utf-8")), path.name)
    assert bare == []
