// The importer on the fixture corpus (tests/fixtures/notices): every notice, .txt or a .docx built
// with Word's automatic numbering, read as a careful reader reads it.
import { beforeAll, describe, expect, it } from "vitest";
import { deadlineRight, loadCorpus, scoreTable, taskRight, type Fixture } from "../fixtures/corpus.js";

let corpus: Fixture[] = [];
beforeAll(async () => {
  corpus = await loadCorpus();
  // The table the report quotes: tasks and deadlines right per fixture.
  console.log(scoreTable(corpus));
});

describe("the fixture corpus", () => {
  it("has at least ten notices, two .docx with automatic numbering, a task table, and each layout", async () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10);
    expect(corpus.filter((f) => f.expect.file.endsWith(".docx.txt")).length).toBeGreaterThanOrEqual(2);
    const kinds = new Set(corpus.flatMap((f) => f.parsed.tasks.map((t) => t.deadlineKind)));
    expect([...kinds].sort()).toEqual(["date", "default", "month", "next_briefing", "quarter", "recurring"]);
    const periods = new Set(corpus.map((f) => f.parsed.notice.period?.kind));
    expect(periods).toEqual(new Set(["month", "week", "quarter", undefined]));
    expect(corpus.some((f) => f.parsed.tasks.some((t) => t.source.includes("#")))).toBe(true);
  });

  it.each([
    "hdnd-tp-giao-ban-quy-iv-2024",
    "skhcn-giao-ban-2024-11",
    "skhcn-khong-ro-cau-truc",
    "so-noi-vu-giao-ban-2025-10",
    "so-nong-nghiep-bang-2024-12",
    "so-lao-dong-giao-ban-2024-12",
    "so-tai-chinh-noi-khac-2024-12",
    "so-tnmt-bang-2025-03",
    "so-tu-phap-giao-ban-2025-05",
    "so-xay-dung-giao-ban-2025-08",
    "so-y-te-giao-ban-2024-11",
    "ubnd-huyen-giao-ban-tuan-30",
    "ubnd-tinh-giao-ban-2025-07",
    "vpcp-ket-luan-2024-10-467",
  ])("reads %s as expected", (name) => {
    const fixture = corpus.find((f) => f.name === name);
    expect(fixture, name).toBeDefined();
    const { expect: want, parsed } = fixture!;
    expect(parsed.notice).toMatchObject(want.notice);
    expect(parsed.tasks).toHaveLength(want.tasks.length);
    want.tasks.forEach((task, i) => {
      const got = parsed.tasks[i];
      expect({ i, task: taskRight(task, got), deadline: deadlineRight(task, got) }, JSON.stringify(got)).toEqual({ i, task: true, deadline: true });
      expect(got!.support.some((c) => got!.units.includes(c))).toBe(false);
    });
    expect(parsed.unplaced).toHaveLength(want.unplaced.length);
    want.unplaced.forEach((line, i) => {
      expect(parsed.unplaced[i]!.text).toContain(line.text);
      expect(parsed.unplaced[i]!.suggestedUnits).toEqual(line.suggestedUnits);
    });
    expect(parsed.findings.map((f) => f.code)).toEqual(want.findings);
  });
});
