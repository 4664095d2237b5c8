/**
 * The physical lines of an iCalendar stream as RFC 5545 §3.1 defines them: the UTF-8 octets between
 * CRLF line breaks. Throws when a CR or LF stands outside a CRLF pair or a line is not valid UTF-8
 * (a multi-octet character split by a fold).
 */
export function icalendarPhysicalLines(body: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const octet = body[i];
    if (octet === 0x0d) {
      if (body[i + 1] !== 0x0a) throw new Error(`bare CR at octet ${i}`);
      lines.push(body.subarray(start, i));
      i++;
      start = i + 1;
    } else if (octet === 0x0a) {
      throw new Error(`bare LF at octet ${i}`);
    }
  }
  if (start !== body.length) throw new Error("the stream does not end with CRLF");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const line of lines) decoder.decode(line);
  return lines;
}
