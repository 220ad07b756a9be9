// What the report's header, signature and recipients say: the org file's `report` settings, with
// neutral defaults drawn from the department's name when a field (or the whole block) is absent.
import type { Org } from "../../domain/org.js";

export interface ReportHead {
  department: string;
  parentBody: string;
  issuingBody: string;
  numberSuffix: string;
  place: string;
  signer: { authority: string; title: string; name: string };
  recipients: string[];
  archive: string;
}

/** The report head of `org`: an old org file without `report` still gives a complete header. */
export function reportHead(org: Pick<Org, "department" | "report">): ReportHead {
  const r = org.report;
  return {
    department: org.department,
    parentBody: r?.parentBody ?? "",
    issuingBody: r?.issuingBody || org.department,
    numberSuffix: r?.numberSuffix ?? "",
    place: r?.place ?? "",
    signer: r?.signer ?? { authority: "", title: "", name: "" },
    recipients: r?.recipients ?? [],
    archive: r?.archive || "VT",
  };
}
