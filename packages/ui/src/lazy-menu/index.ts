export { LazyMenu, type LazyMenuProps, loadMenu } from "./lazy-menu";
