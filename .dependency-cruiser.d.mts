// Types of .dependency-cruiser.mjs, for tests/integration/dependency-rules.test.ts.
import type { IConfiguration, IForbiddenRuleType } from "dependency-cruiser";

export declare const MODULE_ORDER: readonly string[];
declare const config: IConfiguration & {
  forbidden: IForbiddenRuleType[];
  options: NonNullable<IConfiguration["options"]>;
};
export default config;
