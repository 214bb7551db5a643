"""The own-records reader (detect/withheld.py) runs only on text holding one of `_RECORDS`: the
substrings every match of `_RECORD` holds. A record word added to `_RECORD` without its substring
would never be read; this table names one word of each alternative, in every language it lists."""

from __future__ import annotations

import pytest

from driftwatch.detect.gate import casefolded
from driftwatch.detect.withheld import _RECORD, _RECORDS

RECORD_WORDS = (
    "logs", "audit", "auditoría", "trails", "history", "histfile", "journals", "changelog",
    "timeline", "activity", "summary", "summaries", "reports", "digest", "Aktivitätsprotokoll",
    "verlauf", "historie", "logbuch", "revision", "anzeige", "aufzeichnungen", "berichte",
    "zusammenfassung", "historique", "registre", "traces", "rapport", "résumé", "registros",
    "historial", "bitácora", "informe", "resumen", "registos", "histórico", "historico",
    "relatório", "relatorio", "resumo", "cronologia", "storico", "rapporto", "riepilogo", "verbale",
    "журналы", "история", "лог", "аудита", "отчёт", "отчет", "сводка", "протоколы", "zhurnaly",
    "istoriya", "日志", "记录", "历史", "审计", "报告", "摘要", "汇总", "ログ", "履歴",
    "記録", "監査", "報告", "レポート", "日報", "月報", "기록", "로그", "내역", "이력",
    "감사", "보고서", "요약", "LOG", "HISTORY", "RÉSUMÉ",
)  # fmt: skip


@pytest.mark.parametrize("word", RECORD_WORDS)
def test_every_record_word_passes_the_gate(word: str) -> None:
    assert _RECORD.search(word) is not None
    assert _RECORDS.any_in(casefolded(word))


@pytest.mark.parametrize("text", ["Purges a room on your own homeserver.", "Sends an invoice."])
def test_text_naming_no_record_is_not_read(text: str) -> None:
    assert _RECORD.search(text) is None
    assert not _RECORDS.any_in(casefolded(text))
