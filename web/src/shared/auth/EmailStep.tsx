import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { ApiError } from "../api";
import { FormError, TextField } from "../fields";
import { activeLocale, t } from "../i18n/i18n";
import { useApiForm } from "../useApiForm";
import { rememberReturnPath } from "./returnPath";
import { type Area, postAuth } from "./session";
import { useCountdown } from "./useCountdown";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	headingLevel: 1 | 2;
	email: string;
	onEmailChange: (email: string) => void;
	onSent: () => void;
	/** What takes focus when this step appears: the heading (after sign-out), the field (coming back). */
	focusOnMount: "heading" | "field" | "none";
};

/** Step 1: ask for an email address and send a sign-in link to it. */
export function EmailStep(props: Props) {
	const { area, slug, tenantName, email, onEmailChange, onSent } = props;
	const id = useId();
	const form = useApiForm<"email">((field) => (field === "email" ? "email" : undefined));
	const limit = useCountdown();
	const headingRef = useRef<HTMLHeadingElement>(null);
	const inputRef = useRef<HTMLInputElement>(null);
	const Heading = props.headingLevel === 1 ? "h1" : "h2";

	useEffect(() => {
		if (props.focusOnMount === "heading") headingRef.current?.focus();
		if (props.focusOnMount === "field") inputRef.current?.focus();
	}, []);

	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (limit.secondsLeft > 0) return;
		if (!email.trim()) {
			form.showErrors({ email: t("auth.email.required") });
			return;
		}
		await form.submit(
			async () => {
				// The email is written in the language of this page unless the person chose one before.
				await postAuth(area, slug, "auth/link", { email, locale: activeLocale() });
				// The link brings them back to this page (an estimate they were sent, say).
				rememberReturnPath(area, slug, location.pathname + location.search + location.hash);
				onSent();
			},
			(err) => {
				if (!(err instanceof ApiError && err.code === "rate_limited")) return false;
				limit.start(err.retryAfterSeconds ?? 60);
				return true;
			},
		);
	}

	return (
		<section class="sign-in" aria-labelledby={`${id}-heading`}>
			<Heading id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
				{t("auth.email.heading", { tenant: tenantName })}
			</Heading>
			<p>{t("auth.email.intro")}</p>
			<form ref={form.formRef} class="stack" noValidate onSubmit={send}>
				<TextField
					ref={inputRef}
					id={`${id}-email`}
					label={t("auth.email.label")}
					type="email"
					name="email"
					autocomplete="email"
					inputMode="email"
					spellcheck={false}
					autoCapitalize="none"
					required
					readOnly={form.submitting}
					value={email}
					onInput={(e) => onEmailChange(e.currentTarget.value)}
					error={form.errors.email}
				/>
				<FormError message={form.formError} />
				<p class="notice-live" role="status" aria-live="polite" aria-atomic="true">
					{limit.secondsLeft > 0 ? t("auth.email.rateLimited", { seconds: limit.secondsLeft }) : ""}
				</p>
				<button type="submit" disabled={form.submitting || limit.secondsLeft > 0}>
					{t("auth.email.submit")}
				</button>
			</form>
		</section>
	);
}
