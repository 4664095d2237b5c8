import { createContext, useContext } from "react";

/** The CSP nonce of the response being rendered (empty in the browser, which hides it). */
export const NonceContext = createContext<string>("");

/** Reads the CSP nonce for inline scripts rendered by React Router. */
export function useNonce(): string {
  return useContext(NonceContext);
}
