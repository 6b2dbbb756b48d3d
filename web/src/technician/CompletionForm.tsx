import { useEffect, useRef, useState } from "preact/hooks";
import { FormError, SelectField, TextAreaField, TextField } from "../shared/fields";
import { t } from "../shared/i18n/i18n";
import { useApiForm } from "../shared/useApiForm";
import { makeCompletion, resizedPhoto } from "./completionOutbox";
import { queuedMoves, useTechnicianOutbox } from "./statusOutbox";
import type { CompletionBody, TechnicianJob } from "./technicianApi";

type Fields =
	| "recipientName"
	| "signaturePng"
	| "photoIds"
	| "note"
	| "workDone"
	| "parts"
	| "failureReason"
	| "failureText";
const FIELDS = new Set<string>([
	"recipientName",
	"signaturePng",
	"photoIds",
	"note",
	"workDone",
	"parts",
	"failureReason",
	"failureText",
]);

/** A canvas the recipient signs on with a finger or a mouse; `onChange` gets the PNG, or null when cleared. */
function SignaturePad({ id, onChange }: { id: string; onChange: (png: string | null) => void }) {
	const canvas = useRef<HTMLCanvasElement>(null);
	const drawing = useRef(false);
	const point = (e: PointerEvent) => {
		const c = canvas.current;
		if (!c) return { x: 0, y: 0 };
		const r = c.getBoundingClientRect();
		return { x: ((e.clientX - r.left) * c.width) / r.width, y: ((e.clientY - r.top) * c.height) / r.height };
	};
	const ctx = () => canvas.current?.getContext("2d") ?? null;
	return (
		<div class="signature">
			<canvas
				id={id}
				ref={canvas}
				class="signature-pad"
				width={600}
				height={200}
				aria-label={t("complete.signatureLabel")}
				onPointerDown={(e) => {
					const c = ctx();
					if (!c) return;
					drawing.current = true;
					canvas.current?.setPointerCapture(e.pointerId);
					const p = point(e);
					c.lineWidth = 3;
					c.lineCap = "round";
					c.strokeStyle = "#111";
					c.beginPath();
					c.moveTo(p.x, p.y);
				}}
				onPointerMove={(e) => {
					if (!drawing.current) return;
					const p = point(e);
					ctx()?.lineTo(p.x, p.y);
					ctx()?.stroke();
				}}
				onPointerUp={() => {
					drawing.current = false;
					onChange(canvas.current?.toDataURL("image/png") ?? null);
				}}
			/>
			<button
				type="button"
				class="button-secondary"
				onClick={() => {
					const c = canvas.current;
					c?.getContext("2d")?.clearRect(0, 0, c.width, c.height);
					onChange(null);
				}}
			>
				{t("complete.clearSignature")}
			</button>
		</div>
	);
}

type Part = { description: string; quantity: string; unitPrice: string };

type Props = {
	slug: string;
	job: TechnicianJob;
	outcome: "completed" | "failed";
	onDone: (status: "completed" | "unassigned") => void;
	onCancel: () => void;
};

/** The phone's position, if it gives one quickly; the server keeps only the stop's address it matches. */
function currentPosition(): Promise<{ lat: number; lng: number } | undefined> {
	if (!navigator.geolocation) return Promise.resolve(undefined);
	return new Promise((resolve) => {
		navigator.geolocation.getCurrentPosition(
			(p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude }),
			() => resolve(undefined),
			{ timeout: 3000, maximumAge: 60_000 },
		);
	});
}

/**
 * Completing a job: who received it, their signature, photos (resized here), a note, and for a
 * service call the work done and parts; or why it could not be completed. Kept on the phone and
 * sent when the connection is back (completionOutbox.ts).
 */
export function CompletionForm({ slug, job, outcome, onDone, onCancel }: Props) {
	const form = useApiForm<Fields>((field) => (FIELDS.has(field) ? (field as Fields) : undefined));
	const outbox = useTechnicianOutbox(slug);
	const [recipientName, setRecipient] = useState("");
	const [signature, setSignature] = useState<string | null>(null);
	const [photos, setPhotos] = useState<string[]>([]);
	const [note, setNote] = useState("");
	const [workDone, setWorkDone] = useState("");
	const [parts, setParts] = useState<Part[]>([]);
	const [reason, setReason] = useState<NonNullable<CompletionBody["failureReason"]>>("nobody_home");
	const [reasonText, setReasonText] = useState("");
	const failed = outcome === "failed";
	const service = job.kind === "service_call";
	const idOf = (name: string) => `complete-${name}-${job.id}`;
	useEffect(() => {
		document.getElementById(idOf(failed ? "reason" : "recipient"))?.focus();
	}, [failed]);

	const submit = () =>
		form.submit(async () => {
			if (!outbox) return;
			const body: Omit<CompletionBody, "photoIds"> = failed
				? {
						outcome,
						failureReason: reason,
						failureText: reason === "other" ? reasonText.trim() || undefined : undefined,
						note: note.trim() || undefined,
					}
				: {
						outcome,
						recipientName: recipientName.trim() || undefined,
						signaturePng: signature ?? undefined,
						note: note.trim() || undefined,
						workDone: service ? workDone.trim() || undefined : undefined,
						parts: service
							? parts
									.filter((p) => p.description.trim())
									.map((p) => ({
										description: p.description.trim(),
										quantity: Number(p.quantity) || 1,
										unitPriceMinor: Math.round((Number(p.unitPrice) || 0) * 100),
									}))
							: undefined,
						position: await currentPosition(),
					};
			const waiting = queuedMoves(outbox).some((m) => m.jobId === job.id);
			await makeCompletion(outbox, job.id, body, failed ? [] : photos, waiting);
			onDone(failed ? "unassigned" : "completed");
		});

	return (
		<form
			ref={form.formRef}
			class="stack completion-form"
			noValidate
			onSubmit={(e) => {
				e.preventDefault();
				void submit();
			}}
		>
			<h3>{failed ? t("complete.failedTitle") : t("complete.title")}</h3>
			{failed ? (
				<>
					<SelectField
						id={idOf("reason")}
						label={t("complete.reasonLabel")}
						value={reason}
						error={form.errors.failureReason}
						onChange={(e) => setReason(e.currentTarget.value as typeof reason)}
					>
						{(["nobody_home", "refused", "no_access", "other"] as const).map((r) => (
							<option key={r} value={r}>
								{t("complete.reason", { reason: r })}
							</option>
						))}
					</SelectField>
					{reason === "other" ? (
						<TextField
							id={idOf("reason-text")}
							type="text"
							label={t("complete.reasonText")}
							maxLength={500}
							value={reasonText}
							error={form.errors.failureText}
							onInput={(e) => setReasonText(e.currentTarget.value)}
						/>
					) : null}
				</>
			) : (
				<>
					<TextField
						id={idOf("recipient")}
						type="text"
						label={t("complete.recipientLabel")}
						maxLength={120}
						value={recipientName}
						error={form.errors.recipientName}
						onInput={(e) => setRecipient(e.currentTarget.value)}
					/>
					<div class="field">
						<label class="field-label" for={idOf("signature")}>
							{t("complete.signatureLabel")}
						</label>
						<SignaturePad id={idOf("signature")} onChange={setSignature} />
						{form.errors.signaturePng ? <p class="field-error">{form.errors.signaturePng}</p> : null}
					</div>
					<div class="field">
						<label class="field-label" for={idOf("photos")}>
							{t("complete.photosLabel")}
						</label>
						<input
							id={idOf("photos")}
							type="file"
							accept="image/*"
							capture="environment"
							multiple
							onChange={async (e) => {
								const files = [...(e.currentTarget.files ?? [])];
								const resized = await Promise.all(files.map((f) => resizedPhoto(f)));
								setPhotos((p) => [...p, ...resized].slice(0, 10));
								e.currentTarget.value = "";
							}}
						/>
						{photos.length ? (
							<ul class="completion-photos">
								{photos.map((src, i) => (
									<li key={src.slice(-32) + i}>
										<img src={src} alt={t("complete.photoAlt", { n: i + 1 })} width={80} height={80} />
									</li>
								))}
							</ul>
						) : null}
						{form.errors.photoIds ? <p class="field-error">{form.errors.photoIds}</p> : null}
					</div>
					{service ? (
						<>
							<TextAreaField
								id={idOf("work")}
								label={t("complete.workDoneLabel")}
								maxLength={4000}
								value={workDone}
								error={form.errors.workDone}
								onInput={(e) => setWorkDone(e.currentTarget.value)}
							/>
							<fieldset class="stack">
								<legend>{t("complete.partsLabel")}</legend>
								{parts.map((p, i) => (
									<div class="part-row" key={i}>
										<TextField
											id={idOf(`part-${i}`)}
											type="text"
											label={t("complete.partDescription")}
											value={p.description}
											onInput={(e) => {
												const v = e.currentTarget.value;
												setParts((ps) => ps.map((x, j) => (j === i ? { ...x, description: v } : x)));
											}}
										/>
										<TextField
											id={idOf(`part-qty-${i}`)}
											type="text"
											inputMode="decimal"
											label={t("complete.partQuantity")}
											value={p.quantity}
											onInput={(e) => {
												const v = e.currentTarget.value;
												setParts((ps) => ps.map((x, j) => (j === i ? { ...x, quantity: v } : x)));
											}}
										/>
										<TextField
											id={idOf(`part-price-${i}`)}
											type="text"
											inputMode="decimal"
											label={t("complete.partPrice")}
											value={p.unitPrice}
											onInput={(e) => {
												const v = e.currentTarget.value;
												setParts((ps) => ps.map((x, j) => (j === i ? { ...x, unitPrice: v } : x)));
											}}
										/>
									</div>
								))}
								{form.errors.parts ? <p class="field-error">{form.errors.parts}</p> : null}
								<button
									type="button"
									class="button-secondary"
									onClick={() =>
										setParts((ps) => [...ps, { description: "", quantity: "1", unitPrice: "0" }])
									}
								>
									{t("complete.addPart")}
								</button>
							</fieldset>
						</>
					) : null}
				</>
			)}
			<TextAreaField
				id={idOf("note")}
				label={t("complete.noteLabel")}
				maxLength={2000}
				value={note}
				error={form.errors.note}
				onInput={(e) => setNote(e.currentTarget.value)}
			/>
			<FormError message={form.formError} />
			<div class="actions">
				<button type="submit" disabled={form.submitting}>
					{form.submitting
						? t("complete.submitting")
						: failed
							? t("complete.submitFailed")
							: t("complete.submit")}
				</button>
				<button type="button" class="button-secondary" disabled={form.submitting} onClick={onCancel}>
					{t("action.cancel")}
				</button>
			</div>
		</form>
	);
}
