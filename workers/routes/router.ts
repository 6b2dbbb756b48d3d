import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env";
import { validationError } from "../validation";

/** A router whose schema failures all become the 400 envelope naming each field. */
export function createRouter() {
	return new OpenAPIHono<AppEnv>({
		defaultHook: (result) => {
			if (!result.success) throw validationError(result.error.issues, result.target);
			return undefined;
		},
	});
}
