import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef } from "preact/hooks";
import { ApiError } from "../api";
import { FormError, TextField } from "../fields";
import { useApiForm } from "../useApiForm";
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
			form.showErrors({ email: "Enter your email address." });
			return;
		}
		await form.submit(
			async () => {
				await postAuth(area, slug, "auth/link", { email });
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
				Sign in to {tenantName}
			</Heading>
			<p>We'll email you a sign-in link and a 6-digit code. No password needed.</p>
			<form ref={form.formRef} class="stack" noValidate onSubmit={send}>
				<TextField
					ref={inputRef}
					id={`${id}-email`}
					label="Email address"
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
					{limit.secondsLeft > 0 ? `Too many sign-in emails. Try again in ${limit.secondsLeft} s` : ""}
				</p>
				<button type="submit" disabled={form.submitting || limit.secondsLeft > 0}>
					Email me a sign-in link
				</button>
			</form>
		</section>
	);
}
