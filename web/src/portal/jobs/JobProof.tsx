import { FileDown } from "lucide";
import type { Proof } from "../../../../workers/contracts/proof";
import { t } from "../../shared/i18n/i18n";
import { formatDateTime } from "../../shared/tenantTime";
import { Button } from "../../shared/ui/Button";
import { Card } from "../../shared/ui/Card";

/** The proof of a completed job: who received it, when and where, the signature, photos and note. */
export function JobProof({ proof, timeZone }: { proof: Proof; timeZone: string }) {
	return (
		<Card as="section" aria-labelledby="job-proof" class="job-proof">
			<h2 id="job-proof" class="card-title">
				{t("proof.title")}
			</h2>
			<dl class="facts">
				<dt>{t("proof.outcome", { outcome: proof.outcome })}</dt>
				<dd>{formatDateTime(proof.signedAt, timeZone)}</dd>
				{proof.recipientName ? (
					<>
						<dt>{t("proof.signedBy")}</dt>
						<dd>{proof.recipientName}</dd>
					</>
				) : null}
				{proof.place ? (
					<>
						<dt>{t("proof.where")}</dt>
						<dd>{proof.place}</dd>
					</>
				) : null}
				<dt>{t("proof.technician")}</dt>
				<dd>{proof.technicianName}</dd>
				{proof.workDone ? (
					<>
						<dt>{t("proof.workDone")}</dt>
						<dd>{proof.workDone}</dd>
					</>
				) : null}
				{proof.parts.length ? (
					<>
						<dt>{t("proof.parts")}</dt>
						<dd>{proof.parts.map((p) => `${p.quantity} × ${p.description}`).join(", ")}</dd>
					</>
				) : null}
				{proof.note ? (
					<>
						<dt>{t("proof.note")}</dt>
						<dd>{proof.note}</dd>
					</>
				) : null}
			</dl>
			{proof.signatureUrl ? (
				<figure class="proof-signature">
					<img src={proof.signatureUrl} alt={t("proof.signature")} width={300} height={100} />
					<figcaption>{t("proof.signature")}</figcaption>
				</figure>
			) : null}
			{proof.photos.length ? (
				<ul class="proof-photos">
					{proof.photos.map((p, i) => (
						<li key={p.id}>
							<a href={p.url} target="_blank" rel="noopener">
								<img
									src={p.url}
									alt={t("proof.photo", { n: i + 1 })}
									width={120}
									height={120}
									loading="lazy"
								/>
							</a>
						</li>
					))}
				</ul>
			) : null}
			{proof.reportUrl ? (
				<Button variant="secondary" icon={FileDown} href={proof.reportUrl}>
					{t("proof.report")}
				</Button>
			) : null}
		</Card>
	);
}
