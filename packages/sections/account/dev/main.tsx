/** Dev harness: the account section alone against a local API (see @homebase/section-dev). */
import { createDevApp } from "@homebase/section-dev";
import section from "../src/index";

createDevApp(section);
