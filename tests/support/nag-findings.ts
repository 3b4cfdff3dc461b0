import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/**
 * Unacknowledged cdk-nag AwsSolutions findings (errors and warnings) in `scope`, as
 * "<rule> at <construct paths>"; with `under`, only those on constructs below one of these paths.
 */
export function nagFindings(scope: IConstruct, under?: readonly string[]): string[] {
  const inScope = (path: string | undefined): path is string => path !== undefined && (!under || under.some((prefix) => path.startsWith(prefix)));
  return new AwsSolutionsChecks()
    .validateScope(scope)
    .violations.filter((violation) => violation.severity === 'error' || violation.severity === 'warning')
    .map((violation) => ({ rule: violation.ruleName, paths: violation.violatingResources.map((resource) => resource.constructPath).filter(inScope) }))
    .filter((finding) => finding.paths.length > 0)
    .map((finding) => `${finding.rule} at ${finding.paths.join(', ')}`);
}
