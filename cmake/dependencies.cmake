# Every library comes from Debian 12's packages (scripts/install-deps.sh installs them).
find_package(fmt REQUIRED)
find_package(date REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(xgboost 1.7 CONFIG REQUIRED)   # needs Debian's `xgboost` package beside libxgboost-dev
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
