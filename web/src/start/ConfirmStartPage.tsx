import type { TargetedSubmitEvent } from "preact";
import { useState } from "preact/hooks";
import { ApiError } from "../shared/api";
import { LanguagePicker } from "../shared/auth/LanguageSwitcher";
import { errorText } from "../shared/i18n/errors";
import { t } from "../shared/i18n/i18n";
import { Button } from "../shared/ui/Button";
import { consumeStart } from "./startApi";
import "./start.css";

const tokenFromHash = () => new URLSearchParams(location.hash.replace(/^#/, "")).get("token") || null;

/**
 * `/start/confirm#token=…`: like a sign-in link, opening it only shows a button — mail scanners
 * that fetch links never confirm anything; pressing it spends the token and opens the console.
 */
export function ConfirmStartPage() {
	const [token] = useState(tokenFromHash);
	const [status, setStatus] = useState<"ready" | "submitting" | "invalid">(token ? "ready" : "invalid");
	const [error, setError] = useState<string>();

	async function confirm(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!token || status !== "ready") return;
		setStatus("submitting");
		setError(undefined);
		try {
			const started = await consumeStart(token);
			history.replaceState(null, "", location.pathname);
			// A full load, so the console starts with the session the answer's cookie carries.
			location.assign(`/d/${encodeURIComponent(started.tenant.slug)}`);
		} catch (err) {
			if (err instanceof ApiError && (err.status === 400 || err.status === 401)) {
				history.replaceState(null, "", location.pathname);
				setStatus("invalid");
			} else {
				setStatus("ready");
				setError(errorText(err));
			}
		}
	}

	return (
		<main class="page narrow start-page">
			<p class="start-brand">Fleet Portal</p>
			<h1>{t("start.confirm.heading")}</h1>
			{status === "invalid" ? (
				<div class="notice notice-error" role="alert">
					<p>{t("start.confirm.invalid")}</p>
					<p>
						<a href="/start">{t("start.confirm.startAgain")}</a>
					</p>
				</div>
			) : (
				<form class="stack" onSubmit={confirm}>
					<p>{t("start.confirm.instructions")}</p>
					{error ? (
						<p class="notice notice-error" role="alert">
							{error}
						</p>
					) : null}
					<Button type="submit" disabled={status === "submitting"}>
						{t("start.confirm.continue")}
					</Button>
				</form>
			)}
			<LanguagePicker />
		</main>
	);
}
