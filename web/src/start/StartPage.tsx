import { CalendarCheck, MapPin, ReceiptText, Upload } from "lucide";
import type { TargetedSubmitEvent } from "preact";
import { useId, useState } from "preact/hooks";
import { SIGN_UP_CURRENCIES } from "../../../workers/domain/start/currencies";
import { type SlugRule, suggestSlug } from "../../../workers/domain/start/slug-rules";
import { ApiError } from "../shared/api";
import { LanguagePicker } from "../shared/auth/LanguageSwitcher";
import { Field, FormError, SelectField, TextField } from "../shared/fields";
import { activeLocale, t } from "../shared/i18n/i18n";
import { browserTimeZone, timeZoneChoices } from "../shared/timeZones";
import { Button } from "../shared/ui/Button";
import { Card } from "../shared/ui/Card";
import { Icon } from "../shared/ui/Icon";
import { useApiForm } from "../shared/useApiForm";
import { checkSlug, postStart, type StartForm } from "./startApi";
import { type SlugCheck, useSlugCheck } from "./useSlugCheck";
import "./start.css";

type FieldName = keyof StartForm;
const FIELDS: FieldName[] = ["company", "email", "slug", "timezone", "currency", "kind"];

function ruleText(rule: SlugRule): string {
	switch (rule) {
		case "length":
			return t("start.slug.ruleLength");
		case "characters":
			return t("start.slug.ruleCharacters");
		case "hyphens":
			return t("start.slug.ruleHyphens");
		default:
			return t("start.slug.ruleReserved");
	}
}

function slugStatus(check: SlugCheck): { text: string; bad: boolean } | undefined {
	switch (check.state) {
		case "broken":
			return { text: ruleText(check.rule), bad: true };
		case "checking":
			return { text: t("start.slug.checking"), bad: false };
		case "available":
			return { text: t("start.slug.available"), bad: false };
		case "taken":
			return { text: t("start.slug.taken"), bad: true };
		default:
			return undefined;
	}
}

/** What a fleet gets, beside the form. */
const START_POINTS = [
	[CalendarCheck, "start.point.booking"],
	[MapPin, "start.point.tracking"],
	[ReceiptText, "start.point.money"],
	[Upload, "start.point.import"],
] as const;

/** `/start`: a fleet signs itself up; the owner confirms from the email. */
export function StartPage() {
	const id = useId();
	const [values, setValues] = useState<StartForm>(() => ({
		company: "",
		email: "",
		slug: "",
		timezone: browserTimeZone(),
		currency: "USD",
		kind: "courier",
	}));
	// The slug follows the company's name until the person types one of their own.
	const [slugEdited, setSlugEdited] = useState(false);
	const [sentTo, setSentTo] = useState<string>();
	const form = useApiForm<FieldName>((f) => FIELDS.find((x) => x === f));
	const slugCheck = useSlugCheck(values.slug, checkSlug);
	const status = slugStatus(slugCheck);
	const origin = location.origin;

	const set = (field: FieldName, value: string) =>
		setValues((v) => ({
			...v,
			[field]: value,
			...(field === "company" && !slugEdited ? { slug: suggestSlug(value) } : {}),
		}));

	async function submit(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const missing: Partial<Record<FieldName, string>> = {};
		if (!values.company.trim()) missing.company = t("start.company.required");
		if (!values.email.trim()) missing.email = t("start.email.required");
		if (!values.slug) missing.slug = t("start.slug.required");
		else if (slugCheck.state === "broken") missing.slug = ruleText(slugCheck.rule);
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(
			async () => {
				await postStart(values, activeLocale());
				setSentTo(values.email.trim());
			},
			(err) => {
				if (err instanceof ApiError && err.code === "slug_taken") {
					form.showErrors({ slug: t("start.slug.taken") });
					return true;
				}
				if (err instanceof ApiError && err.status === 429) {
					form.showErrors({}, t("start.rateLimited", { seconds: err.retryAfterSeconds ?? 60 }));
					return true;
				}
				return false;
			},
		);
	}

	if (sentTo) {
		return (
			<main class="page narrow start-page">
				<h1>{t("start.sent.heading")}</h1>
				<p role="status">{t("start.sent.body", { email: sentTo })}</p>
				<p class="muted">{t("start.sent.hint")}</p>
				<Button variant="secondary" onClick={() => setSentTo(undefined)}>
					{t("start.sent.again")}
				</Button>
			</main>
		);
	}

	return (
		<main class="page start-page start-layout">
			<section class="start-pitch" aria-labelledby={`${id}-heading`}>
				<p class="start-brand">Fleet Portal</p>
				<h1 id={`${id}-heading`}>{t("start.heading")}</h1>
				<p class="start-intro">{t("start.intro")}</p>
				<ul class="start-points">
					{START_POINTS.map(([icon, key]) => (
						<li key={key}>
							<Icon icon={icon} size={20} />
							<span>{t(key)}</span>
						</li>
					))}
				</ul>
			</section>
			<Card as="section" padding="lg" class="start-card" aria-label={t("start.submit")}>
				<form ref={form.formRef} class="stack" noValidate onSubmit={submit}>
					<TextField
						id={`${id}-company`}
						type="text"
						label={t("start.company.label")}
						autocomplete="organization"
						maxLength={120}
						value={values.company}
						readOnly={form.submitting}
						error={form.errors.company}
						onInput={(e) => set("company", e.currentTarget.value)}
					/>
					<TextField
						id={`${id}-email`}
						type="email"
						label={t("start.email.label")}
						hint={t("start.email.hint")}
						autocomplete="email"
						value={values.email}
						readOnly={form.submitting}
						error={form.errors.email}
						onInput={(e) => set("email", e.currentTarget.value)}
					/>
					<Field
						id={`${id}-slug`}
						label={t("start.slug.label")}
						hint={t("start.slug.hint", { origin })}
						error={form.errors.slug}
					>
						{(control) => (
							<div class="slug-input">
								<span class="slug-prefix" aria-hidden="true">
									{origin}/c/
								</span>
								<input
									{...control}
									aria-describedby={[control["aria-describedby"], `${id}-slug-status`]
										.filter(Boolean)
										.join(" ")}
									class="field-input"
									type="text"
									autocapitalize="none"
									spellcheck={false}
									maxLength={40}
									value={values.slug}
									readOnly={form.submitting}
									onInput={(e) => {
										setSlugEdited(true);
										set("slug", e.currentTarget.value.trim().toLowerCase());
									}}
								/>
							</div>
						)}
					</Field>
					<p
						id={`${id}-slug-status`}
						class={status?.bad ? "slug-status slug-status-bad" : "slug-status"}
						role="status"
						aria-live="polite"
					>
						{form.errors.slug ? "" : (status?.text ?? "")}
					</p>
					<SelectField
						id={`${id}-timezone`}
						label={t("start.timezone.label")}
						value={values.timezone}
						disabled={form.submitting}
						error={form.errors.timezone}
						onChange={(e) => set("timezone", e.currentTarget.value)}
					>
						{timeZoneChoices(values.timezone).map((zone) => (
							<option key={zone} value={zone}>
								{zone.replaceAll("_", " ")}
							</option>
						))}
					</SelectField>
					<SelectField
						id={`${id}-currency`}
						label={t("start.currency.label")}
						value={values.currency}
						disabled={form.submitting}
						error={form.errors.currency}
						onChange={(e) => set("currency", e.currentTarget.value)}
					>
						{SIGN_UP_CURRENCIES.map((code) => (
							<option key={code} value={code}>
								{code}
							</option>
						))}
					</SelectField>
					<fieldset class="kind-choice" aria-describedby={form.errors.kind ? `${id}-kind-error` : undefined}>
						<legend>{t("start.kind.label")}</legend>
						{(["courier", "field_service"] as const).map((kind) => (
							<label key={kind} class="check">
								<input
									type="radio"
									name={`${id}-kind`}
									value={kind}
									checked={values.kind === kind}
									disabled={form.submitting}
									onChange={() => set("kind", kind)}
								/>
								{kind === "courier" ? t("start.kind.courier") : t("start.kind.fieldService")}
							</label>
						))}
						{form.errors.kind ? (
							<p id={`${id}-kind-error`} class="field-error">
								{form.errors.kind}
							</p>
						) : null}
					</fieldset>
					<FormError message={form.formError} />
					<Button type="submit" disabled={form.submitting}>
						{form.submitting ? t("start.submitting") : t("start.submit")}
					</Button>
				</form>
			</Card>
			<div class="start-language">
				<LanguagePicker />
			</div>
		</main>
	);
}
