# Generates build_info.cc with the version and the git commit at every build (not only at
# configure time), rewriting it only when the commit changes, so manifests name the code that ran.
set(QAT_BUILD_INFO_CC ${CMAKE_BINARY_DIR}/generated/build_info.cc)
add_custom_target(qat_build_info
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${PROJECT_SOURCE_DIR} -DOUTPUT=${QAT_BUILD_INFO_CC}
          -DVERSION=${PROJECT_VERSION} -P ${PROJECT_SOURCE_DIR}/cmake/write_build_info.cmake
  BYPRODUCTS ${QAT_BUILD_INFO_CC}
  COMMENT "Recording git commit")
