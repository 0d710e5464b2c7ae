import type { MetaFunction } from "@remix-run/node";
import { TextPage } from "../components/text-page";

export const meta: MetaFunction = () => [{ title: "Impressum" }];

export default function Imprint() {
  return <TextPage title="imprint.title" paragraphs={["imprint.body"]} />;
}
