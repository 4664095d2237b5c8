import fs from "node:fs";
import path from "node:path";
import { validateXML } from "xmllint-wasm";

/** The folder of the IATI 2.03 schemas, next to the repository (../shared/data/iati-2.03). */
export const IATI_SCHEMA_DIR = [
  path.resolve(process.cwd(), "../shared/data/iati-2.03"),
  "/work/shared/data/iati-2.03",
].find((dir) => fs.existsSync(path.join(dir, "iati-activities-schema.xsd")))!;

/** A schema file of the folder, as xmllint reads it. */
function schemaFile(name: string) {
  return { fileName: name, contents: fs.readFileSync(path.join(IATI_SCHEMA_DIR, name), "utf8") };
}

/** Validates `xml` (named `fileName`) against the IATI 2.03 schema `schema` with its includes by xmllint; the errors, or none. */
async function validateAgainst(xml: string, fileName: string, schema: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [schemaFile(schema)],
    preload: [schemaFile("iati-common.xsd"), schemaFile("xml.xsd")],
    maxMemoryPages: 4096,
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** Validates an activity file against the real IATI 2.03 XSD (with its includes) by xmllint; the errors, or none. */
export function validateIatiActivities(xml: string): Promise<string[]> {
  return validateAgainst(xml, "activities.xml", "iati-activities-schema.xsd");
}

/** Validates an organisation file against the real IATI 2.03 organisation XSD (with its includes) by xmllint; the errors, or none. */
export function validateIatiOrganisations(xml: string): Promise<string[]> {
  return validateAgainst(xml, "organisations.xml", "iati-organisations-schema.xsd");
}
