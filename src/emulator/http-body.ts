import type { IncomingMessage } from "node:http";

/** A file part of a multipart/form-data request. */
export interface UploadedFile {
  fileName: string;
  mimeType?: string;
  content: Buffer;
}

/** Bot API parameters of one request: query string and body (JSON, urlencoded or multipart). */
export interface ParsedRequest {
  params: Record<string, unknown>;
  files: Record<string, UploadedFile>;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function parseRequest(req: IncomingMessage, url: URL): Promise<ParsedRequest> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const files: Record<string, UploadedFile> = {};
  const body = await readBody(req);
  const type = req.headers["content-type"] ?? "";
  if (body.length === 0) return { params, files };
  if (type.startsWith("application/json")) {
    Object.assign(params, JSON.parse(body.toString("utf8")));
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString("utf8"))));
  } else if (type.startsWith("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) throw new Error("multipart/form-data without a boundary");
    for (const part of parseMultipart(body, value)) {
      if (part.fileName !== undefined) {
        files[part.name] = { fileName: part.fileName, mimeType: part.contentType, content: part.data };
      } else {
        params[part.name] = part.data.toString("utf8");
      }
    }
  }
  return { params, files };
}

export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from("\r\n");

/**
 * Splits a multipart body (RFC 7578). Works on Buffers only, never strings, so the bytes of a
 * binary file (.docx) survive untouched; only the part headers are decoded.
 */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  // Every delimiter is CRLF "--" boundary; a leading CRLF lets the first one match the same way.
  const buf = Buffer.concat([CRLF, body]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = buf.indexOf(delimiter);
  while (pos !== -1) {
    const afterDelimiter = pos + delimiter.length;
    if (buf.subarray(afterDelimiter, afterDelimiter + 2).toString() === "--") break; // close delimiter
    const lineEnd = buf.indexOf(CRLF, afterDelimiter); // skips optional transport padding
    const end = buf.indexOf(delimiter, lineEnd);
    if (lineEnd === -1 || end === -1) throw new Error("multipart body is truncated");
    const part = buf.subarray(lineEnd + 2, end);
    // An empty header block leaves the part starting with CRLF directly.
    const headerEnd = part.subarray(0, 2).equals(CRLF) ? 0 : part.indexOf("\r\n\r\n");
    if (headerEnd === -1) throw new Error("multipart part without a header block");
    const headers = part.subarray(0, headerEnd).toString("utf8");
    const data = part.subarray(headerEnd === 0 ? 2 : headerEnd + 4);
    const disposition = /content-disposition:\s*form-data([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
    const encodedName = /;\s*filename\*=(?:UTF-8'[^']*')?([^;]+)/i.exec(disposition)?.[1];
    const fileName = encodedName !== undefined
      ? decodeURIComponent(encodedName.trim())
      : /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    if (name !== undefined) parts.push({ name, fileName, contentType, data });
    pos = end;
  }
  return parts;
}
