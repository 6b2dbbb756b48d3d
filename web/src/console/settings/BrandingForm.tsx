import { useId, useState } from "preact/hooks";
import {
	contrastRatio,
	formatRatio,
	HEX_COLOR,
	WCAG_AA_TEXT_RATIO,
} from "../../../../workers/domain/tenant/contrast";
import { Field, TextField } from "../../shared/fields";
import { useApiForm } from "../../shared/useApiForm";
import { sendJson } from "../consoleApi";
import { FormFooter } from "../FormFooter";
import { settingsFieldFor, type TenantSettingsView } from "./settingsTypes";

const FIELDS = [
	"name",
	"colors.primary",
	"colors.accent",
	"colors.text",
	"supportPhone",
	"supportEmail",
] as const;
type BrandField = (typeof FIELDS)[number];
type Colors = TenantSettingsView["colors"];

type Props = { slug: string; settings: TenantSettingsView; onSaved: (s: TenantSettingsView) => void };

/** "Text on primary: 5.21:1" — the server decides; this only shows the number while typing. */
function contrastHint(colors: Colors): string | undefined {
	if (!HEX_COLOR.test(colors.primary) || !HEX_COLOR.test(colors.text)) return undefined;
	const ratio = contrastRatio(colors.text, colors.primary);
	const verdict = ratio >= WCAG_AA_TEXT_RATIO ? "meets" : "is below";
	return `Text on the brand colour: ${formatRatio(ratio)}, which ${verdict} the 4.5:1 WCAG AA needs.`;
}

/** Name, colours (contrast checked by the server, its messages beside the fields) and support contacts. */
export function BrandingForm({ slug, settings, onSaved }: Props) {
	const id = useId();
	const [name, setName] = useState(settings.name);
	const [colors, setColors] = useState(settings.colors);
	const [supportPhone, setSupportPhone] = useState(settings.supportPhone ?? "");
	const [supportEmail, setSupportEmail] = useState(settings.supportEmail ?? "");
	const [saved, setSaved] = useState(false);
	const form = useApiForm<BrandField>(settingsFieldFor(FIELDS));

	async function save(event: Event) {
		event.preventDefault();
		setSaved(false);
		await form.submit(async () => {
			const next = await sendJson<TenantSettingsView>(slug, "/settings", "PATCH", {
				name,
				colors,
				supportPhone,
				supportEmail: supportEmail.trim() || null,
			});
			// The form stays mounted across the save (so its confirmation shows) and shows what
			// the server kept, which may be normalized.
			setName(next.name);
			setColors(next.colors);
			setSupportPhone(next.supportPhone ?? "");
			setSupportEmail(next.supportEmail ?? "");
			onSaved(next);
			setSaved(true);
		});
	}

	const colour = (key: keyof Colors, label: string, hint: string) => (
		<Field id={`${id}-${key}`} label={label} hint={hint} error={form.errors[`colors.${key}`]}>
			{(control) => (
				<div class="colour-row">
					<input
						{...control}
						class="field-input colour-input"
						type="text"
						spellcheck={false}
						readOnly={form.submitting}
						value={colors[key]}
						onInput={(e) => setColors({ ...colors, [key]: e.currentTarget.value.trim() })}
					/>
					<span
						class="colour-swatch"
						aria-hidden="true"
						style={HEX_COLOR.test(colors[key]) ? { background: colors[key] } : undefined}
					/>
				</div>
			)}
		</Field>
	);

	return (
		<form ref={form.formRef} class="panel" noValidate onSubmit={save} aria-labelledby={`${id}-h`}>
			<h2 id={`${id}-h`}>Branding</h2>
			<TextField
				id={`${id}-name`}
				label="Business name"
				type="text"
				required
				readOnly={form.submitting}
				value={name}
				onInput={(e) => setName(e.currentTarget.value)}
				error={form.errors.name}
			/>
			{colour("primary", "Brand colour", "As #rrggbb. The header and buttons.")}
			{colour("text", "Text on the brand colour", contrastHint(colors) ?? "As #rrggbb.")}
			{colour("accent", "Accent colour", "As #rrggbb. Focus outlines and highlights.")}
			<TextField
				id={`${id}-phone`}
				label="Support phone (optional)"
				type="tel"
				readOnly={form.submitting}
				value={supportPhone}
				onInput={(e) => setSupportPhone(e.currentTarget.value)}
				error={form.errors.supportPhone}
			/>
			<TextField
				id={`${id}-email`}
				label="Support email (optional)"
				type="email"
				spellcheck={false}
				readOnly={form.submitting}
				value={supportEmail}
				onInput={(e) => setSupportEmail(e.currentTarget.value)}
				error={form.errors.supportEmail}
			/>
			<FormFooter
				error={form.formError}
				submitting={form.submitting}
				label="Save branding"
				status={saved ? "Branding saved. The portal shows it on its next load." : ""}
			/>
		</form>
	);
}
