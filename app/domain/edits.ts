/*
 * What may still be edited (ADR 110): a project while it is a draft or has been rejected, by its own parties
 * (the registering government's delegates, the sponsor); a pledge's terms while it is a draft, by its own
 * government's delegates. guard_project, guard_pledge and row-level security enforce the same; the pages ask
 * here whether to offer the form.
 */
import { z } from "zod";
import { version } from "~/forms/values";
import {
  actsOnPledge,
  isProjectParty,
  isRegisteringDelegate,
  type Actor,
  type ProjectParties,
} from "./permissions";
import type { ProjectStatus } from "./projects/vocabulary";

/** Statuses in which a project's registration can change (fixed from submission on). */
export function isEditableProjectStatus(status: ProjectStatus): boolean {
  return status === "draft" || status === "rejected";
}

export interface ProjectEditPermissions {
  /** Revise the registration and its outputs. */
  edit: boolean;
  /** Send the revision to the secretariat (the registering government's delegates only). */
  submit: boolean;
}

export function projectEditPermissions(
  actor: Actor,
  project: ProjectParties & { status: ProjectStatus },
): ProjectEditPermissions {
  const edit = isProjectParty(actor, project) && isEditableProjectStatus(project.status);
  return { edit, submit: edit && isRegisteringDelegate(actor, project) };
}

/** A draft pledge's terms and tranches are edited by its own government's delegates until it is committed. */
export function canEditPledgeTerms(
  actor: Actor,
  pledge: { memberId: string; status: string },
): boolean {
  return pledge.status === "draft" && actsOnPledge(actor, pledge);
}

/** The version a project's revision was made against (its fields are the registration form's). */
export const ProjectRevisionSchema = z.object({ version: version() });
