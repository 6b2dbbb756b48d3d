import type { TargetedSubmitEvent } from "preact";
import { useEffect, useId, useState } from "preact/hooks";
import { apiFetch } from "../api";
import type { Branding } from "../branding";
import { FormError, TextField } from "../fields";
import { t } from "../i18n/i18n";
import { useApiForm } from "../useApiForm";

type Props = { slug: string; email: string; headingLevel: 1 | 2 };

/**
 * Under "Check your email" in the portal, when the tenant takes join requests: someone whose
 * address is not known yet asks the admins of their company's account (by email domain) to let
 * them in. The answer is the same whether or not an account matches.
 */
export function JoinRequestOffer({ slug, email, headingLevel }: Props) {
	const id = useId();
	const [offered, setOffered] = useState(false);
	const [name, setName] = useState("");
	const [sent, setSent] = useState(false);
	const form = useApiForm<"name">((field) => (field === "name" ? "name" : undefined));
	const Subheading = headingLevel === 1 ? "h2" : "h3";
	useEffect(() => {
		let live = true;
		apiFetch<Branding>(`/api/tenants/${encodeURIComponent(slug)}`).then(
			(b) => live && setOffered(b.allowJoinRequests),
			() => undefined,
		);
		return () => {
			live = false;
		};
	}, [slug]);
	if (!offered) return null;
	async function ask(event: TargetedSubmitEvent<HTMLFormElement>) {
		event.preventDefault();
		if (!name.trim()) return form.showErrors({ name: t("auth.join.nameRequired") });
		await form.submit(async () => {
			await apiFetch(`/api/c/${encodeURIComponent(slug)}/auth/join-request`, {
				method: "POST",
				body: JSON.stringify({ email, name }),
			});
			setSent(true);
		});
	}
	return (
		<section class="join-offer" aria-labelledby={`${id}-heading`}>
			<Subheading id={`${id}-heading`}>{t("auth.join.heading")}</Subheading>
			{sent ? (
				<p role="status">{t("auth.join.sent")}</p>
			) : (
				<form ref={form.formRef} class="stack" noValidate onSubmit={ask}>
					<p>{t("auth.join.intro")}</p>
					<TextField
						id={`${id}-name`}
						label={t("auth.join.name")}
						type="text"
						autocomplete="name"
						value={name}
						readOnly={form.submitting}
						onInput={(e) => setName(e.currentTarget.value)}
						error={form.errors.name}
					/>
					<FormError message={form.formError} />
					<button type="submit" class="button-secondary" disabled={form.submitting}>
						{t("auth.join.submit")}
					</button>
				</form>
			)}
		</section>
	);
}
