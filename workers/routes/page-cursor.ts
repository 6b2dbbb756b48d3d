import { decodeCursor } from "../domain/jobs/customer-jobs";
import { invalidFields } from "../errors";

/**
 * A list's `cursor` query parameter, decoded: undefined without one, and a 400 naming the field
 * when it is not a page link this app made (edited, truncated, or from another list).
 */
export function pageCursor(raw: string | undefined): { createdAt: number; id: string } | undefined {
	if (!raw) return undefined;
	const cursor = decodeCursor(raw);
	if (cursor) return cursor;
	throw invalidFields(
		[{ path: ["cursor"], field: "cursor", message: "This page link is not valid any more." }],
		" in the query",
	);
}
