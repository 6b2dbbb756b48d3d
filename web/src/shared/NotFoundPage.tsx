import { t } from "./i18n/i18n";

type Props = { title?: string; message?: string };

export function NotFoundPage({ title = t("notFound.title"), message = t("notFound.body") }: Props) {
	return (
		<main class="page narrow not-found">
			<h1>{title}</h1>
			<p>{message}</p>
		</main>
	);
}
