import { CheckCircle2, Send } from "lucide";
import { useState } from "preact/hooks";
import { SelectField } from "../../../shared/fields";
import { t } from "../../../shared/i18n/i18n";
import { Button } from "../../../shared/ui/Button";
import { Card } from "../../../shared/ui/Card";
import { Icon } from "../../../shared/ui/Icon";
import { consolePath } from "../../consoleApi";
import { type CustomerImport, inviteContacts } from "./importApi";
import { OutcomeCounts } from "./OutcomeCounts";

const PACES = [10, 25, 50, 100, 200, 500];

/** Step 5: what the import came to, and the invitations to the portal at a chosen pace. */
export function ImportDone({
	slug,
	done,
	onChanged,
}: {
	slug: string;
	done: CustomerImport;
	onChanged: (changed: CustomerImport) => void;
}) {
	const [perHour, setPerHour] = useState(50);
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState<string>();
	const { invitable, queued, sent } = done.invites;

	async function invite() {
		setBusy(true);
		setError(undefined);
		try {
			onChanged(await inviteContacts(slug, done.id, perHour));
		} catch (err) {
			setError(err instanceof Error ? err.message : String(err));
		} finally {
			setBusy(false);
		}
	}

	return (
		<Card as="section" class="import-step" aria-labelledby="import-done-heading">
			<h2 id="import-done-heading" class="import-done-heading">
				<Icon icon={CheckCircle2} size={20} />
				{t("import.done.heading")}
			</h2>
			<p class="import-hint">{t("import.done.intro", { file: done.fileName, rows: done.rowCount })}</p>
			{done.counts ? <OutcomeCounts counts={done.counts} /> : null}
			<section class="import-invite" aria-labelledby="import-invite-heading">
				<h3 id="import-invite-heading">{t("import.invite.heading")}</h3>
				<p class="import-hint">{t("import.invite.intro")}</p>
				{queued + sent > 0 ? (
					<p role="status" class="import-hint">
						{t("import.invite.status", { sent, queued, perHour: done.invites.perHour ?? perHour })}
					</p>
				) : null}
				{invitable > 0 ? (
					<div class="import-invite-row">
						<SelectField
							id="import-pace"
							label={t("import.invite.pace")}
							value={String(perHour)}
							onChange={(e) => setPerHour(Number(e.currentTarget.value))}
						>
							{PACES.map((p) => (
								<option key={p} value={p}>
									{t("import.invite.perHour", { count: p })}
								</option>
							))}
						</SelectField>
						<Button icon={Send} onClick={() => void invite()} disabled={busy}>
							{t("import.invite.button", { count: invitable })}
						</Button>
					</div>
				) : queued + sent === 0 ? (
					<p class="import-hint">{t("import.invite.none")}</p>
				) : null}
				{error ? (
					<p class="field-error" role="alert">
						{error}
					</p>
				) : null}
			</section>
			<div class="import-actions">
				<Button variant="secondary" href={consolePath(slug, "/customers/import")}>
					{t("import.done.another")}
				</Button>
				<Button href={consolePath(slug, "/customers")}>{t("import.done.customers")}</Button>
			</div>
		</Card>
	);
}
