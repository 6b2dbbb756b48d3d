import type { TargetedClipboardEvent, TargetedEvent, TargetedSubmitEvent } from "preact";
import { useEffect, useId, useRef, useState } from "preact/hooks";
import { ApiError } from "../api";
import { FormError, TextField } from "../fields";
import { t } from "../i18n/i18n";
import { useApiForm } from "../useApiForm";
import { JoinRequestOffer } from "./JoinRequestOffer";
import { type Area, type Me, postAuth } from "./session";
import { useCountdown } from "./useCountdown";

type Props = {
	area: Area;
	slug: string;
	tenantName: string;
	headingLevel: 1 | 2;
	email: string;
	onSignedIn: (me: Me) => void;
	onUseDifferentEmail: () => void;
};

const CODE_LENGTH = 6;
/** People copy "123 456" as printed in the email; spaces are not part of the code. */
const withoutSpaces = (text: string) => text.replace(/\s+/g, "");

/** Step 2: tell the person to open the emailed link, or let them type the 6-digit code instead. */
export function CodeStep(props: Props) {
	const { area, slug, tenantName, email } = props;
	const id = useId();
	const [code, setCode] = useState("");
	const form = useApiForm<"code">((field) => (field === "code" ? "code" : undefined));
	const limit = useCountdown();
	const headingRef = useRef<HTMLHeadingElement>(null);
	const Heading = props.headingLevel === 1 ? "h1" : "h2";
	const Subheading = props.headingLevel === 1 ? "h2" : "h3";

	useEffect(() => headingRef.current?.focus(), []);

	function onInput(event: TargetedEvent<HTMLInputElement>) {
		const input = event.currentTarget;
		const cleaned = withoutSpaces(input.value).slice(0, CODE_LENGTH);
		// Rewrite the field too: when only a space was typed the state does not change and would not re-render.
		if (input.value !== cleaned) input.value = cleaned;
		setCode(cleaned);
	}

	// maxlength would cut a pasted "123 456" to "123 45", so a paste is cleaned before it lands.
	function onPaste(event: TargetedClipboardEvent<HTMLInputElement>) {
		const pasted = event.clipboardData?.getData("text");
		if (pasted === undefined) return;
		event.preventDefault();
		const input = event.currentTarget;
		const start = input.selectionStart ?? input.value.length;
		const end = input.selectionEnd ?? start;
		const next = withoutSpaces(input.value.slice(0, start) + pasted + input.value.slice(end));
		input.value = next.slice(0, CODE_LENGTH);
		setCode(input.value);
	}

	async function signIn(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (limit.secondsLeft > 0) return;
		if (!new RegExp(`^\\d{${CODE_LENGTH}}$`).test(code)) {
			form.showErrors({ code: t("auth.code.required", { digits: CODE_LENGTH }) });
			return;
		}
		await form.submit(
			async () => props.onSignedIn(await postAuth<Me>(area, slug, "auth/code", { email, code })),
			(err) => {
				if (!(err instanceof ApiError)) return false;
				if (err.code === "rate_limited") limit.start(err.retryAfterSeconds ?? 60);
				else if (err.code === "invalid_code") form.showErrors({ code: t("auth.code.invalid") });
				else return false;
				return true;
			},
		);
	}

	return (
		<section class="sign-in" aria-labelledby={`${id}-heading`}>
			<Heading id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
				{t("auth.code.heading")}
			</Heading>
			<p>
				{t("auth.code.sentBefore")}
				<strong class="break-anywhere">{email}</strong>
				{t("auth.code.sentAfter", { tenant: tenantName })}
			</p>
			<form ref={form.formRef} class="stack code-form" noValidate onSubmit={signIn}>
				<Subheading>{t("auth.code.subheading", { digits: CODE_LENGTH })}</Subheading>
				<TextField
					id={`${id}-code`}
					label={t("auth.code.label")}
					hint={t("auth.code.hint", { digits: CODE_LENGTH })}
					name="code"
					type="text"
					inputMode="numeric"
					autocomplete="one-time-code"
					maxLength={CODE_LENGTH}
					spellcheck={false}
					required
					readOnly={form.submitting}
					value={code}
					onInput={onInput}
					onPaste={onPaste}
					error={form.errors.code}
				/>
				<FormError message={form.formError} />
				<p class="notice-live" role="status" aria-live="polite" aria-atomic="true">
					{limit.secondsLeft > 0 ? t("auth.code.rateLimited", { seconds: limit.secondsLeft }) : ""}
				</p>
				<button type="submit" disabled={form.submitting || limit.secondsLeft > 0}>
					{t("auth.code.submit")}
				</button>
			</form>
			<button
				type="button"
				class="button-secondary"
				disabled={form.submitting}
				onClick={props.onUseDifferentEmail}
			>
				{t("auth.code.differentEmail")}
			</button>
			{area === "c" ? <JoinRequestOffer slug={slug} email={email} headingLevel={props.headingLevel} /> : null}
		</section>
	);
}
