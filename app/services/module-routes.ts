import { route } from "@react-router/dev/routes";

/**
 * A route of a module made of former modules (the clearing house, decision 048; plans, decision
 * 049). Its file is in one folder of the module (`modules/<module>/<folder>/routes/<file>`); its id
 * stays the one it had when that folder was a module of its own (`modules/<formerModule>/routes/<name>`),
 * so the route ids every test and recording names did not change with the move.
 */
export function movedModuleRoute(module: string, path: string, folder: string, file: string, formerModule = folder) {
  return route(path, `modules/${module}/${folder}/routes/${file}`, {
    id: `modules/${formerModule}/routes/${file.replace(/\.tsx?$/, "")}`,
  });
}
