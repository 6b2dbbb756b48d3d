import type { z } from "@hono/zod-openapi";
import { type AppError, type FieldIssue, invalidFields } from "./errors";

/** zod issues as field issues: the path, a dotted field name ("stops.0.city") and a message for people. */
export function toFieldIssues(issues: readonly z.core.$ZodIssue[]): FieldIssue[] {
	return issues.map((issue) => {
		const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
		return { path, field: path.join(".") || "body", message: issue.message };
	});
}

/** The validation failure every route answers with: 400 naming each field. */
export function validationError(issues: readonly z.core.$ZodIssue[], target: string): AppError {
	const where = target === "json" ? "" : ` in the ${target === "param" ? "path" : target}`;
	return invalidFields(toFieldIssues(issues), where);
}
