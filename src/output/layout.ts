/**
 * The folder, beside the output folder (a sibling of `dist/`), that holds the default local
 * Terraform state: `terraform-state/<topology name>/<stack>.tfstate`. Outside the output, which
 * every synth replaces; operators keep it (and keep it out of Git: state holds secrets).
 */
export const LOCAL_STATE_FOLDER = 'terraform-state';
