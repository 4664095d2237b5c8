import { describe, expect, it } from "vitest";
import { clientBucket, resolveClientAddress, trustedProxyHops } from "./client-address.ts";

describe("resolveClientAddress", () => {
  const forwardedFor = "203.0.113.9, 198.51.100.7";

  it("uses the socket address without a trusted proxy, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress({ socketAddress: "192.0.2.44", forwardedFor, hops: 0 })).toBe("192.0.2.44");
    expect(resolveClientAddress({ socketAddress: "::ffff:192.0.2.44", forwardedFor: "1.2.3.4", hops: 0 })).toBe(
      "192.0.2.44",
    );
    expect(resolveClientAddress({ socketAddress: undefined, forwardedFor, hops: 0 })).toBeNull();
  });

  it("takes the entry the outermost trusted proxy appended: the last with one proxy, the second last with two", () => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor, hops: 1 })).toBe("198.51.100.7");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor, hops: 2 })).toBe("203.0.113.9");
    // A client that sends its own header only adds entries on the left: it cannot choose its bucket.
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "6.6.6.6, 198.51.100.7", hops: 1 })).toBe(
      "198.51.100.7",
    );
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "2001:db8::1", hops: 1 })).toBe(
      "2001:db8::1",
    );
  });

  it("falls back to the socket when the header is missing, too short for the chain, or not an address", () => {
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: null, hops: 1 })).toBe("10.0.0.2");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "198.51.100.7", hops: 2 })).toBe("10.0.0.2");
    expect(resolveClientAddress({ socketAddress: "10.0.0.2", forwardedFor: "<script>", hops: 1 })).toBe("10.0.0.2");
    expect(resolveClientAddress({ socketAddress: null, forwardedFor: "", hops: 1 })).toBeNull();
  });
});

describe("trustedProxyHops", () => {
  it("reads true, false, unset and a number of proxies, and refuses anything else", () => {
    expect(trustedProxyHops(undefined)).toBe(0);
    expect(trustedProxyHops("false")).toBe(0);
    expect(trustedProxyHops("true")).toBe(1);
    expect(trustedProxyHops("2")).toBe(2);
    expect(() => trustedProxyHops("yes")).toThrow(/TRUST_PROXY/);
  });
});

describe("clientBucket", () => {
  it("keeps IPv4 addresses and groups IPv6 addresses by their /64 network", () => {
    expect(clientBucket("198.51.100.7")).toBe("198.51.100.7");
    expect(clientBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(clientBucket("2001:db8:1:2::5")).toBe("2001:db8:1:2::/64");
    expect(clientBucket("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientBucket("::1")).toBe("0:0:0:0::/64");
  });
});
