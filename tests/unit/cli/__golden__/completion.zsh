#compdef xmplus-tray
# zsh completion for xmplus-tray, generated from its command table.
# Load it with: source <(xmplus-tray completion zsh), or save it as _xmplus-tray in your $fpath.
_xmplus_tray() {
  local -a commands
  commands=(
    'login:sign in to a panel and make that profile the active one'
    'logout:sign out of the active profile and delete its password'
    'profiles:list the profiles, add a subscription link, switch to one, or remove one'
    'register:create an account: sends the emailed code, then asks for it'
    'reset-password:have the panel email a password reset'
    'status:traffic and days left of every service of every watched profile'
    'services:the services with their ids (for --service)'
    'export:export servers: share links, base64 subscription, Clash/mihomo, sing-box, Xray, QR codes'
    'import:hand a service'\''s subscription to a proxy client (one-click import)'
    'packages:the store: packages with their price per cycle'
    'package:one package in full'
    'buy:create an invoice for a new plan (shows it and asks first)'
    'renew:create a renewal invoice for a service (shows it and asks first)'
    'topup:create an invoice adding a traffic package to a service (shows it and asks first)'
    'gateways:the payment methods, with their fees'
    'pay:pay an invoice: a QR code, the amount with fees, the time left'
    'invoices:every invoice, newest first'
    'invoice:one invoice in full'
    'help:this list, or one command in full'
    'completion:print a completion script for bash, zsh or fish'
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    return
  fi
  shift words
  (( CURRENT-- ))
  case $words[1] in
    login)
      _arguments -s \
        '--panel[the panel'\''s address (default: the active profile'\''s)]:URL: ' \
        '--email[your account'\''s email (default: the active profile'\''s)]:EMAIL: ' \
        '--api-key[the panel'\''s client API key (asked for when none is stored; typed here, it shows in the process list)]:KEY: ' \
        '--password-stdin[read the password from standard input instead of asking]' \
        '--no-remember[keep the password nowhere (as "Remember me" off in the app)]' \
        '--name[a name for the profile]:NAME: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    logout)
      _arguments -s \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    profiles)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--name[add: the profile'\''s name (default: the provider'\''s)]:NAME: ' \
        '--url-stdin[add: read the link from standard input (typed as an argument, it shows in the process list)]' \
        '--client[add: the app to appear as when the provider refuses this one (v2rayn, clash-verge, hiddify, happ, none)]:CLIENT: ' \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1::ACTION:(list add use remove)' \
        '2::ID: '
      ;;
    register)
      _arguments -s \
        '--panel[the panel'\''s address (default: the active profile'\''s)]:URL: ' \
        '--api-key[the panel'\''s client API key (asked for when none is stored; typed here, it shows in the process list)]:KEY: ' \
        '--name[your user name on the panel]:NAME: ' \
        '--email[your email (the code goes there)]:EMAIL: ' \
        '--code[the code from the email (skips sending one)]:CODE: ' \
        '--aff[an invitation code]:CODE: ' \
        '--password-stdin[read the password from standard input instead of asking]' \
        '--no-remember[keep the password nowhere (as "Remember me" off in the app)]' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    reset-password)
      _arguments -s \
        '--panel[the panel'\''s address (default: the active profile'\''s)]:URL: ' \
        '--api-key[the panel'\''s client API key (asked for when none is stored; typed here, it shows in the process list)]:KEY: ' \
        '--email[the account'\''s email]:EMAIL: ' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    status)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--waybar[print one JSON line for Waybar or Polybar]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    services)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    export)
      _arguments -s \
        '--format[what to write]:format:(links base64 clash singbox xray qr)' \
        '--service[one service'\''s servers (default: every service'\''s)]:ID: ' \
        '--out[write to this file (a folder of PNGs for qr) instead of printing]:PATH:_files' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    import)
      _arguments -s \
        '--client[the client to import into]:ID:(clash-verge clash-party flclash sing-box hiddify v2rayng karing happ streisand shadowrocket)' \
        '--service[the service (default: the only one with a subscription link)]:ID: ' \
        '--print[print the import link on one line instead of opening it]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    packages)
      _arguments -s \
        '--traffic[traffic top-ups instead of plans]' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    package)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1:ID: '
      ;;
    buy)
      _arguments -s \
        '--package[the package id (see packages)]:ID: ' \
        '--cycle[the billing cycle ("quater" is the panels'\'' spelling)]:cycle:(month quater semiannual annual)' \
        '--coupon[a coupon code]:CODE: ' \
        '--qty[how many (1 to 100; default 1)]:N: ' \
        '(-y --yes)'{-y,--yes}'[do not ask for confirmation (needed without a terminal)]' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    renew)
      _arguments -s \
        '--service[the service id (see services)]:ID: ' \
        '(-y --yes)'{-y,--yes}'[do not ask for confirmation (needed without a terminal)]' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    topup)
      _arguments -s \
        '--service[the service id (see services)]:ID: ' \
        '--package[the traffic package id (see packages --traffic)]:ID: ' \
        '(-y --yes)'{-y,--yes}'[do not ask for confirmation (needed without a terminal)]' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    gateways)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    pay)
      _arguments -s \
        '--gateway[the payment method id (see gateways)]:ID: ' \
        '--wait[wait until paid (exit 0) or expired (exit 1)]' \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1:INVOICE: '
      ;;
    invoices)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]'
      ;;
    invoice)
      _arguments -s \
        '--json[print the result as JSON (the objects the app window receives; times in ISO 8601)]' \
        '--profile[act on this profile instead of the active one (ids: `profiles`)]:ID: ' \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1:INVOICE: '
      ;;
    help)
      _arguments -s \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1::COMMAND:(login logout profiles register reset-password status services export import packages package buy renew topup gateways pay invoices invoice help completion)'
      ;;
    completion)
      _arguments -s \
        '(-h --help)'{-h,--help}'[show this help]' \
        '1:SHELL:(bash zsh fish)'
      ;;
  esac
}
compdef _xmplus_tray xmplus-tray
