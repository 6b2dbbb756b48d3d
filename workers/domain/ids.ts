/** Bytes as lowercase hex, two digits each. */
export const hexOf = (bytes: Uint8Array): string =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

/** `count` random bytes as hex. */
export const randomHex = (count: number): string => hexOf(crypto.getRandomValues(new Uint8Array(count)));

/** A new opaque row id such as `job_3f9c…`: 128 random bits, hex. */
export function newId(prefix: string): string {
	return `${prefix}_${randomHex(16)}`;
}
