# bash completion for xmplus-tray, generated from its command table.
# Load it with: source <(xmplus-tray completion bash)
_xmplus_tray() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "login logout profiles register reset-password status services export import packages package buy renew topup gateways pay invoices invoice help completion" -- "$cur"))
    return
  fi
  case "${COMP_WORDS[1]}" in
    login)
      case "$prev" in
        --panel) COMPREPLY=(); return ;;
        --email) COMPREPLY=(); return ;;
        --api-key) COMPREPLY=(); return ;;
        --name) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--panel --email --api-key --password-stdin --no-remember --name --help -h" -- "$cur")) ;;
    logout)
      COMPREPLY=($(compgen -W "--help -h" -- "$cur")) ;;
    profiles)
      case "$prev" in
        --name) COMPREPLY=(); return ;;
        --client) COMPREPLY=(); return ;;
      esac
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "list add use remove --json --name --url-stdin --client --help -h" -- "$cur")); return
      fi
      COMPREPLY=($(compgen -W "--json --name --url-stdin --client --help -h" -- "$cur")) ;;
    register)
      case "$prev" in
        --panel) COMPREPLY=(); return ;;
        --api-key) COMPREPLY=(); return ;;
        --name) COMPREPLY=(); return ;;
        --email) COMPREPLY=(); return ;;
        --code) COMPREPLY=(); return ;;
        --aff) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--panel --api-key --name --email --code --aff --password-stdin --no-remember --help -h" -- "$cur")) ;;
    reset-password)
      case "$prev" in
        --panel) COMPREPLY=(); return ;;
        --api-key) COMPREPLY=(); return ;;
        --email) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--panel --api-key --email --json --help -h" -- "$cur")) ;;
    status)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --waybar --profile --help -h" -- "$cur")) ;;
    services)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --profile --help -h" -- "$cur")) ;;
    export)
      case "$prev" in
        --format) COMPREPLY=($(compgen -W "links base64 clash singbox xray qr" -- "$cur")); return ;;
        --service) COMPREPLY=(); return ;;
        --out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--format --service --out --profile --help -h" -- "$cur")) ;;
    import)
      case "$prev" in
        --client) COMPREPLY=($(compgen -W "clash-verge clash-party flclash sing-box hiddify v2rayng karing happ streisand shadowrocket" -- "$cur")); return ;;
        --service) COMPREPLY=(); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--client --service --print --profile --help -h" -- "$cur")) ;;
    packages)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--traffic --json --profile --help -h" -- "$cur")) ;;
    package)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --profile --help -h" -- "$cur")) ;;
    buy)
      case "$prev" in
        --package) COMPREPLY=(); return ;;
        --cycle) COMPREPLY=($(compgen -W "month quater semiannual annual" -- "$cur")); return ;;
        --coupon) COMPREPLY=(); return ;;
        --qty) COMPREPLY=(); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--package --cycle --coupon --qty --yes -y --json --profile --help -h" -- "$cur")) ;;
    renew)
      case "$prev" in
        --service) COMPREPLY=(); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--service --yes -y --json --profile --help -h" -- "$cur")) ;;
    topup)
      case "$prev" in
        --service) COMPREPLY=(); return ;;
        --package) COMPREPLY=(); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--service --package --yes -y --json --profile --help -h" -- "$cur")) ;;
    gateways)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --profile --help -h" -- "$cur")) ;;
    pay)
      case "$prev" in
        --gateway) COMPREPLY=(); return ;;
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--gateway --wait --json --profile --help -h" -- "$cur")) ;;
    invoices)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --profile --help -h" -- "$cur")) ;;
    invoice)
      case "$prev" in
        --profile) COMPREPLY=(); return ;;
      esac
      COMPREPLY=($(compgen -W "--json --profile --help -h" -- "$cur")) ;;
    help)
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "login logout profiles register reset-password status services export import packages package buy renew topup gateways pay invoices invoice help completion --help -h" -- "$cur")); return
      fi
      COMPREPLY=($(compgen -W "--help -h" -- "$cur")) ;;
    completion)
      if [ "$COMP_CWORD" -eq 2 ]; then
        COMPREPLY=($(compgen -W "bash zsh fish --help -h" -- "$cur")); return
      fi
      COMPREPLY=($(compgen -W "--help -h" -- "$cur")) ;;
  esac
}
complete -F _xmplus_tray xmplus-tray
