# tree-generator.sh: sourced by test.sh and platforms/ci/run-ports.sh for their whole-tree builds.
#
# tree_generator DIR prints the CMake generator argument for a build in DIR: -GNinja when ninja is
# installed (scripts/deps.sh installs it), else nothing (CMake's default, make). Make compiles no file of a
# target until the libraries it links are built; on 2 cores the host build of the tree kept 1.69-1.74
# cores busy under make against 1.97 under Ninja (four alternating runs each). A DIR that another
# generator configured is removed first, as CMake refuses to switch a build directory's generator.
tree_generator() {
  command -v ninja >/dev/null 2>&1 || return 0
  if [ -f "$1/CMakeCache.txt" ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$1/CMakeCache.txt"; then
    rm -rf "$1"
  fi
  echo "-GNinja"
}
