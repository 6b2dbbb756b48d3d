import { hexOf } from "./ids.ts";

const encoder = new TextEncoder();

/** SHA-256 as lowercase hex: the only form in which secrets are stored. */
export async function sha256Hex(value: string): Promise<string> {
	const digest = await crypto.subtle.digest("SHA-256", encoder.encode(value));
	return hexOf(new Uint8Array(digest));
}
