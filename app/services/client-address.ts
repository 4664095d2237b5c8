import { isIP } from "node:net";

/*
 * Who the client is, for per-client limits (decision 024). Without a trusted proxy it is the
 * socket's remote address, which the client cannot choose. Behind `TRUST_PROXY` proxies, it is the
 * X-Forwarded-For entry the outermost trusted proxy appended: each proxy appends the address it
 * received the request from, so with N trusted proxies the Nth entry from the right is the last
 * one a client cannot forge (anything left of it is whatever the client sent).
 */

/** How many reverse proxies in front of the platform append to X-Forwarded-For: `TRUST_PROXY` = "true" (one), a number, or unset (none). */
export function trustedProxyHops(value: string | undefined): number {
  if (value === undefined || value === "" || value === "false") return 0;
  if (value === "true") return 1;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10)
    throw new Error(`TRUST_PROXY must be "true", "false" or a number of proxies (0-10), got "${value}".`);
  return hops;
}

/** An address written as text, checked and normalised (IPv4-mapped IPv6 as IPv4, zone removed), or null. */
function normaliseAddress(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let address = raw.trim();
  if (address.startsWith("[") && address.includes("]")) address = address.slice(1, address.indexOf("]"));
  address = address.replace(/%.*$/, "");
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) address = address.slice(7);
  return isIP(address) ? address.toLowerCase() : null;
}

/**
 * The client's address: the socket's, or (behind `hops` trusted proxies) the X-Forwarded-For entry
 * the outermost of them appended. Falls back to the socket address when the header is missing,
 * shorter than the proxy chain or not an address. Null when nothing is known (no socket: tests).
 */
export function resolveClientAddress(input: {
  socketAddress: string | null | undefined;
  forwardedFor: string | null | undefined;
  hops: number;
}): string | null {
  const socket = normaliseAddress(input.socketAddress);
  if (input.hops === 0) return socket;
  const entries = (input.forwardedFor ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (entries.length < input.hops) return socket;
  return normaliseAddress(entries[entries.length - input.hops]) ?? socket;
}

/**
 * The bucket a client address is counted in: an IPv4 address as it is, an IPv6 address by its /64
 * network, because one subscriber gets a whole /64 and can use any of its addresses.
 */
export function clientBucket(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+/, "") || "0")
    .join(":")}::/64`;
}
