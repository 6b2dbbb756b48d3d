import { AppError } from "../../errors";

/** Row ids as `newId` and the demo data write them (`ten_…`, `job_…`). */
const ROW_ID = /^[a-z]+_[a-z0-9_]{1,60}$/;

/** A development probe's id parameter, refused with a 400 before any object stub is made. */
export function rowIdParam(value: string, noun: string): string {
	if (!ROW_ID.test(value)) throw new AppError(400, "bad_request", `Not a ${noun} id.`);
	return value;
}
