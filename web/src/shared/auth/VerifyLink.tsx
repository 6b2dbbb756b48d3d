import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { ApiError } from "../api";
import { errorText } from "../i18n/errors";
import { t } from "../i18n/i18n";
import { LanguageSwitcher } from "./LanguageSwitcher";
import { takeReturnPath } from "./returnPath";
import { type Area, areaHomePath, type Me, postAuth, useSession } from "./session";

type Props = { area: Area; slug: string; tenantName: string };

/** The token travels in the fragment (`#token=…`), so it never reaches a server log or a Referer header. */
function tokenFromHash(hash: string): string | null {
	return new URLSearchParams(hash.replace(/^#/, "")).get("token") || null;
}

/** Takes the token out of the address bar and history once it has been used or refused. */
function forgetToken() {
	history.replaceState(history.state, "", location.pathname + location.search);
}

/**
 * `/{area}/:slug/sign-in/verify#token=…`: opening the link only shows a button; mail scanners that
 * follow links never sign anyone in, because only pressing Continue spends the token.
 */
export function VerifyLink({ area, slug, tenantName }: Props) {
	const session = useSession(area, slug);
	const { route } = useLocation();
	const [token] = useState(() => tokenFromHash(location.hash));
	const [status, setStatus] = useState<"ready" | "submitting" | "invalid">(token ? "ready" : "invalid");
	const [error, setError] = useState<string>();
	const home = areaHomePath(area, slug);

	async function continueSignIn(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!token || status !== "ready") return;
		setStatus("submitting");
		setError(undefined);
		try {
			const me = await postAuth<Me>(area, slug, "auth/consume", { token });
			forgetToken();
			session.signedIn(me);
			route(takeReturnPath(area, slug) ?? home, true);
		} catch (err) {
			if (err instanceof ApiError && (err.status === 400 || err.status === 401)) {
				forgetToken();
				setStatus("invalid");
			} else {
				setStatus("ready");
				setError(errorText(err));
			}
		}
	}

	return (
		<main class="page narrow">
			<h1>{t("auth.verify.heading", { tenant: tenantName })}</h1>
			{status === "invalid" ? (
				<div class="notice notice-error" role="alert">
					<p>{t("auth.verify.invalid")}</p>
					<p>
						<a href={home}>{t("auth.verify.requestNew")}</a>
					</p>
				</div>
			) : (
				<form class="stack" onSubmit={continueSignIn}>
					<p>{t("auth.verify.instructions")}</p>
					{error ? (
						<p class="notice notice-error" role="alert">
							{error}
						</p>
					) : null}
					<button type="submit" disabled={status === "submitting"}>
						{t("auth.verify.continue")}
					</button>
				</form>
			)}
			<LanguageSwitcher area={area} slug={slug} />
		</main>
	);
}
