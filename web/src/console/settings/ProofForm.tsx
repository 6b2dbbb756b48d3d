import { useId, useState } from "preact/hooks";
import { proofItems } from "../../../../schema/proof-values";
import { t } from "../../shared/i18n/i18n";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import type { TenantSettingsView } from "./settingsTypes";

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };
type Rules = TenantSettingsView["proofRules"];
const KINDS = ["pickup_delivery", "service_call"] as const;

/** What a technician must give to complete a job of each kind: each item optional or required, and the fewest photos. */
export function ProofForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const [rules, setRules] = useState<Rules>(settings.proofRules);
	const [saved, setSaved] = useState(false);
	const form = useApiForm<"proofRules">((f) => (f.startsWith("proofRules") ? "proofRules" : undefined));
	const kinds = KINDS.filter((k) => settings.jobKinds.includes(k));

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		await form.submit(async () => {
			const next = await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", { proofRules: rules });
			setRules(next.proofRules);
			onSaved(next);
			setSaved(true);
		});
	}

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>{t("settings.proofTitle")}</h2>
			<p class="panel-intro">{t("settings.proofHint")}</p>
			{kinds.map((kind) => (
				<fieldset key={kind} class="booking-section">
					<legend>{t("settings.proofKind", { kind })}</legend>
					{proofItems
						.filter((item) => kind === "service_call" || (item !== "workDone" && item !== "parts"))
						.map((item) => (
							<label key={item} class="check">
								<input
									type="checkbox"
									checked={rules[kind][item] === "required"}
									disabled={form.submitting}
									onChange={(e) => {
										const rule = e.currentTarget.checked ? "required" : "optional";
										setRules({ ...rules, [kind]: { ...rules[kind], [item]: rule } });
									}}
								/>
								{t("settings.proofItem", { item })} — {t("settings.proofRule", { rule: "required" })}
							</label>
						))}
					<label class="field-label" for={`${id}-${kind}-photos`}>
						{t("settings.proofPhotos")}
					</label>
					<input
						id={`${id}-${kind}-photos`}
						class="field-input"
						type="number"
						min={0}
						max={10}
						value={rules[kind].photosMin}
						onInput={(e) => {
							const n = Math.max(0, Math.min(10, Math.round(Number(e.currentTarget.value) || 0)));
							setRules({ ...rules, [kind]: { ...rules[kind], photosMin: n } });
						}}
					/>
				</fieldset>
			))}
			<FormFooter
				error={form.formError ?? form.errors.proofRules}
				submitting={form.submitting}
				label={t("console.paymentsSettings.save")}
				status={saved ? t("console.paymentsSettings.saved") : ""}
			/>
		</form>
	);
}
