# Sourced by the scripts that install Debian packages. Root runs apt-get itself, anyone else
# through sudo.
SUDO=""
[[ $(id -u) -ne 0 ]] && SUDO="sudo"

# apt_install PACKAGE... — installs those of the packages that are missing, without their
# recommendations, and says which.
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
