import { ApiError } from "../api";
import { t } from "./i18n";

/**
 * What to tell people about a failed request, in the language shown: the client's own failures
 * (no connection, an answer that is not ours) are translated here; the server's message otherwise.
 */
export function errorText(err: unknown): string {
	if (err instanceof ApiError) {
		if (err.code === "network") return t("error.network");
		if (err.code === "unexpected") return t("error.generic");
		return err.message;
	}
	return t("error.generic");
}
