import type { MetaFunction } from "@remix-run/node";
import { TextPage } from "../components/text-page";

export const meta: MetaFunction = () => [{ title: "Datenschutzerklärung" }];

export default function Privacy() {
  return <TextPage title="privacy.title" paragraphs={["privacy.body1", "privacy.body2"]} />;
}
