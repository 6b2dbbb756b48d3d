import { ArrowLeft, CircleCheck, ImagePlus, Send, X } from "lucide";
import type { TargetedEvent, TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import type { z } from "zod";
import type { QuoteRequestInput } from "../../../../workers/contracts/estimates";
import { ApiError, apiFetch } from "../../shared/api";
import type { Me } from "../../shared/auth/session";
import type { Branding } from "../../shared/branding";
import { ErrorSummary } from "../../shared/ErrorSummary";
import { FormError, SelectField, TextAreaField, TextField } from "../../shared/fields";
import { t } from "../../shared/i18n/i18n";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";
import { EmptyState } from "../../shared/ui/EmptyState";
import { Icon } from "../../shared/ui/Icon";
import { PageHeader } from "../../shared/ui/PageHeader";
import { useApiForm } from "../../shared/useApiForm";
import { placeChoices } from "../booking/bookingDraft";
import { canBook, customerPath, fetchPlaces, type Places, portalPath } from "../customerApi";
import { PortalPage, type PortalRouteProps } from "../PortalPage";
import { createQuoteRequest } from "./estimateApi";
import "./portal-estimates.css";

type Body = z.input<typeof QuoteRequestInput>;
type AddressKey = "line1" | "line2" | "city" | "region" | "postalCode";
type Field = `address.${AddressKey}` | "preferredFrom" | "preferredTo" | "description" | "photos";
const FIELDS: Field[] = [
	"address.line1",
	"address.line2",
	"address.city",
	"address.region",
	"address.postalCode",
	"preferredFrom",
	"preferredTo",
	"description",
	"photos",
];
const fieldFor = (issue: string): Field | undefined =>
	FIELDS.find((f) => f === issue || f.startsWith(`${issue}.`));

/** Photos the form accepts: what the server stores (PNG, JPEG or WebP, at most 5 MB each). */
const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"];
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const MAX_PHOTOS = 6;

type Draft = Record<AddressKey, string> & {
	choice: string;
	locationId: string;
	preferredFrom: string;
	preferredTo: string;
	description: string;
};

const emptyDraft = (): Draft => ({
	choice: "",
	locationId: "",
	line1: "",
	line2: "",
	city: "",
	region: "",
	postalCode: "",
	preferredFrom: "",
	preferredTo: "",
	description: "",
});

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

function body(d: Draft): Body {
	return {
		address: {
			line1: d.line1,
			line2: optional(d.line2),
			city: d.city,
			region: optional(d.region),
			postalCode: optional(d.postalCode),
		},
		locationId: optional(d.locationId),
		preferredFrom: optional(d.preferredFrom),
		preferredTo: optional(d.preferredTo),
		description: d.description,
	};
}

/** Sends each photo as the raw body, its type as the Content-Type. */
async function uploadPhoto(slug: string, requestId: string, file: File) {
	await apiFetch(customerPath(slug, `/quote-requests/${encodeURIComponent(requestId)}/photos`), {
		method: "POST",
		headers: { "Content-Type": file.type },
		body: file,
	});
}

function Preview({ file, onRemove, disabled }: { file: File; onRemove: () => void; disabled: boolean }) {
	const [url, setUrl] = useState<string>();
	useEffect(() => {
		const u = URL.createObjectURL(file);
		setUrl(u);
		return () => URL.revokeObjectURL(u);
	}, [file]);
	return (
		<li class="quote-photo">
			{url ? <img src={url} alt="" width={96} height={96} /> : null}
			<button type="button" class="quote-photo-remove" disabled={disabled} onClick={onRemove}>
				<Icon icon={X} size={16} />
				<span class="visually-hidden">{t("portal.quote.removePhoto", { name: file.name })}</span>
			</button>
		</li>
	);
}

function QuoteRequestForm({ slug, branding, me }: { slug: string; branding: Branding; me: Me }) {
	const id = useId();
	const [draft, setDraft] = useState<Draft>(emptyDraft);
	const [photos, setPhotos] = useState<File[]>([]);
	const [places, setPlaces] = useState<Places>();
	const [sent, setSent] = useState<{ photosFailed: number } | null>(null);
	const form = useApiForm<Field>(fieldFor);
	const fieldId = (f: Field) => `${id}-${f.replace(".", "-")}`;

	useEffect(() => {
		fetchPlaces(slug)
			.then(setPlaces)
			.catch(() => setPlaces(undefined)); // the saved addresses only help; typing still works
	}, [slug]);

	if (!canBook(me.role)) {
		return (
			<EmptyState
				icon={Send}
				title={t("portal.quote.notAllowed")}
				action={
					<Button variant="secondary" href={portalPath(slug, "/estimates")}>
						{t("portal.estimates.seeAll")}
					</Button>
				}
			>
				<p>{t("portal.quote.notAllowedBody", { tenant: branding.name })}</p>
			</EmptyState>
		);
	}

	if (sent) {
		return (
			<Card padding="lg" class="quote-sent">
				<span class="quote-sent-icon">
					<Icon icon={CircleCheck} size={28} />
				</span>
				<h2 tabIndex={-1} ref={(h) => h?.focus()}>
					{t("portal.quote.sentHeading")}
				</h2>
				<p>{t("portal.quote.sentBody", { tenant: branding.name })}</p>
				{sent.photosFailed ? (
					<p class="notice notice-error" role="alert">
						{t("portal.quote.photosFailed", { count: sent.photosFailed })}
					</p>
				) : null}
				<div class="home-actions">
					<Button href={portalPath(slug, "/estimates")}>{t("portal.quote.toEstimates")}</Button>
					<Button
						variant="secondary"
						onClick={() => {
							setDraft(emptyDraft());
							setPhotos([]);
							setSent(null);
						}}
					>
						{t("portal.quote.another")}
					</Button>
				</div>
			</Card>
		);
	}

	const choices = places ? placeChoices(places) : [];
	function choose(value: string) {
		const place = choices.flatMap((g) => g.options).find((o) => o.value === value)?.place;
		if (!place) return setDraft({ ...draft, choice: "", locationId: "" });
		setDraft({
			...draft,
			choice: value,
			locationId: value.startsWith("location:") ? (place.id ?? "") : "",
			line1: place.line1,
			line2: place.line2 ?? "",
			city: place.city,
			region: place.region ?? "",
			postalCode: place.postalCode ?? "",
		});
	}
	const setAddress = (key: AddressKey, value: string) =>
		setDraft({ ...draft, [key]: value, choice: "", locationId: "" });

	function addPhotos(event: TargetedEvent<HTMLInputElement>) {
		const input = event.currentTarget;
		const picked = [...(input.files ?? [])];
		input.value = "";
		const wrong = picked.find((f) => !PHOTO_TYPES.includes(f.type) || f.size > PHOTO_MAX_BYTES);
		if (wrong) form.showErrors({ photos: t("portal.quote.photoRefused", { name: wrong.name }) });
		const fine = picked.filter((f) => PHOTO_TYPES.includes(f.type) && f.size <= PHOTO_MAX_BYTES);
		setPhotos((p) => [...p, ...fine].slice(0, MAX_PHOTOS));
	}

	async function send(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		const missing: Partial<Record<Field, string>> = {};
		if (!draft.line1.trim()) missing["address.line1"] = t("portal.quote.line1Required");
		if (!draft.city.trim()) missing["address.city"] = t("portal.quote.cityRequired");
		if (!draft.description.trim()) missing.description = t("portal.quote.descriptionRequired");
		if (Object.keys(missing).length) return form.showErrors(missing);
		await form.submit(async () => {
			const request = await createQuoteRequest(slug, body(draft));
			let photosFailed = 0;
			for (const photo of photos) {
				try {
					await uploadPhoto(slug, request.id, photo);
				} catch (err) {
					if (!(err instanceof ApiError)) throw err;
					photosFailed++;
				}
			}
			setSent({ photosFailed });
		});
	}

	const text = (key: AddressKey, label: string, autocomplete: string, required = false) => (
		<TextField
			id={fieldId(`address.${key}`)}
			label={required ? label : t("form.optional", { label })}
			type="text"
			autocomplete={autocomplete}
			required={required}
			readOnly={form.submitting}
			value={draft[key]}
			onInput={(e) => setAddress(key, e.currentTarget.value)}
			error={form.errors[`address.${key}`]}
		/>
	);
	const problems = FIELDS.flatMap((f) => {
		const message = form.errors[f];
		return message ? [{ fieldId: fieldId(f), message }] : [];
	});

	return (
		<form ref={form.formRef} class="booking-form quote-form" noValidate onSubmit={send}>
			<ErrorSummary problems={problems} />
			<fieldset class="booking-section">
				<legend>{t("portal.quote.where")}</legend>
				{choices.length ? (
					<SelectField
						id={`${id}-place`}
						label={t("portal.stopFields.places")}
						hint={t("portal.stopFields.placesHint")}
						value={draft.choice}
						disabled={form.submitting}
						onChange={(e) => choose(e.currentTarget.value)}
					>
						<option value="">{t("portal.stopFields.newAddress")}</option>
						{choices.map((group) => (
							<optgroup key={group.group} label={t("portal.stopFields.group", { group: group.group })}>
								{group.options.map((o) => (
									<option key={o.value} value={o.value}>
										{o.place.label} — {o.place.line1}, {o.place.city}
									</option>
								))}
							</optgroup>
						))}
					</SelectField>
				) : null}
				{text("line1", t("portal.stopFields.line1"), "address-line1", true)}
				{text("line2", t("portal.stopFields.line2"), "address-line2")}
				<div class="field-pair">
					{text("city", t("portal.stopFields.city"), "address-level2", true)}
					{text("region", t("portal.stopFields.region"), "address-level1")}
				</div>
				{text("postalCode", t("portal.stopFields.postalCode"), "postal-code")}
			</fieldset>
			<fieldset class="booking-section">
				<legend>{t("portal.quote.what")}</legend>
				<TextAreaField
					id={fieldId("description")}
					label={t("portal.quote.description")}
					hint={t("portal.quote.descriptionHint")}
					rows={5}
					maxLength={4000}
					required
					readOnly={form.submitting}
					value={draft.description}
					onInput={(e) => setDraft({ ...draft, description: e.currentTarget.value })}
					error={form.errors.description}
				/>
				<div class="field">
					<span class="quote-photos-label" id={`${id}-photos-label`}>
						{t("form.optional", { label: t("portal.quote.photos") })}
					</span>
					<p class="field-hint" id={`${id}-photos-hint`}>
						{t("portal.quote.photosHint", { count: MAX_PHOTOS })}
					</p>
					{photos.length ? (
						<ul class="quote-photos">
							{photos.map((file, i) => (
								<Preview
									key={`${file.name}-${i}`}
									file={file}
									disabled={form.submitting}
									onRemove={() => setPhotos((p) => p.filter((_, j) => j !== i))}
								/>
							))}
						</ul>
					) : null}
					{photos.length < MAX_PHOTOS ? (
						<label class="ui-button ui-button-secondary quote-photo-add">
							<Icon icon={ImagePlus} size={18} />
							<span>{t("portal.quote.addPhotos")}</span>
							<input
								id={fieldId("photos")}
								class="visually-hidden"
								type="file"
								accept={PHOTO_TYPES.join(",")}
								multiple
								disabled={form.submitting}
								aria-describedby={`${id}-photos-hint`}
								aria-invalid={form.errors.photos ? "true" : undefined}
								onChange={addPhotos}
							/>
						</label>
					) : null}
					{form.errors.photos ? <p class="field-error">{form.errors.photos}</p> : null}
				</div>
			</fieldset>
			<fieldset class="booking-section">
				<legend>{t("portal.quote.when")}</legend>
				<p class="field-hint">{t("portal.quote.whenHint")}</p>
				<div class="field-pair">
					<TextField
						id={fieldId("preferredFrom")}
						label={t("form.optional", { label: t("portal.booking.preferredFrom") })}
						type="date"
						readOnly={form.submitting}
						value={draft.preferredFrom}
						max={draft.preferredTo || undefined}
						onInput={(e) => setDraft({ ...draft, preferredFrom: e.currentTarget.value })}
						error={form.errors.preferredFrom}
					/>
					<TextField
						id={fieldId("preferredTo")}
						label={t("form.optional", { label: t("portal.booking.preferredTo") })}
						type="date"
						readOnly={form.submitting}
						value={draft.preferredTo}
						min={draft.preferredFrom || undefined}
						onInput={(e) => setDraft({ ...draft, preferredTo: e.currentTarget.value })}
						error={form.errors.preferredTo}
					/>
				</div>
			</fieldset>
			<FormError message={form.formError} />
			<div class="quote-actions">
				<Button type="submit" icon={Send} disabled={form.submitting}>
					{form.submitting ? t("portal.quote.sending") : t("portal.quote.submit")}
				</Button>
			</div>
		</form>
	);
}

/** `/c/:slug/estimates/request`: a customer describes the work and asks for an estimate. */
export function QuoteRequestPage({ slug, branding }: PortalRouteProps) {
	return (
		<PortalPage slug={slug} branding={branding}>
			{(me) => (
				<div class="quote-page">
					<PageHeader
						back={
							<a class="link-target back-link" href={portalPath(slug, "/estimates")}>
								<Icon icon={ArrowLeft} size={16} />
								{t("portal.estimate.back")}
							</a>
						}
						title={t("portal.quote.link")}
						description={t("portal.quote.intro", { tenant: branding.name })}
					/>
					<QuoteRequestForm slug={slug} branding={branding} me={me} />
				</div>
			)}
		</PortalPage>
	);
}
