import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

/** The folder of the IATI 2.03 schemas, next to the repository (../shared/data/iati-2.03). */
export const IATI_SCHEMA_DIR = [
  path.resolve(process.cwd(), "../shared/data/iati-2.03"),
  "/work/shared/data/iati-2.03",
].find((dir) => fs.existsSync(path.join(dir, "iati-activities-schema.xsd")))!;

/** Validates an activity file against the real IATI 2.03 XSD (with its includes) by xmllint; the errors, or none. */
export async function validateIatiActivities(xml: string): Promise<string[]> {
  const file = (name: string) => ({
    fileName: name,
    contents: fs.readFileSync(path.join(IATI_SCHEMA_DIR, name), "utf8"),
  });
  const result = await validateXML({
    xml: [{ fileName: "activities.xml", contents: xml }],
    schema: [file("iati-activities-schema.xsd")],
    preload: [file("iati-common.xsd"), file("xml.xsd")],
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Validates an organisation file against the real IATI 2.03 organisation XSD (with its includes) by xmllint; the errors, or none. */
export async function validateIatiOrganisations(xml: string): Promise<string[]> {
  const file = (name: string) => ({
    fileName: name,
    contents: fs.readFileSync(path.join(IATI_SCHEMA_DIR, name), "utf8"),
  });
  const result = await validateXML({
    xml: [{ fileName: "organisations.xml", contents: xml }],
    schema: [file("iati-organisations-schema.xsd")],
    preload: [file("iati-common.xsd"), file("xml.xsd")],
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
