# Turns store/<backend>/migrations/NNNN_name.sql into a C++ source holding them as raw strings,
# so the binary always carries the schema it was built for.
function(embed_sql_migrations out_var dir)
  file(GLOB sql_files CONFIGURE_DEPENDS ${dir}/*.sql)
  list(SORT sql_files)
  get_filename_component(backend ${dir} DIRECTORY)
  get_filename_component(backend ${backend} NAME)
  set(out ${CMAKE_BINARY_DIR}/generated/${backend}_migrations.cpp)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DBACKEND=${backend} -DDIR=${dir}
            -P ${CMAKE_SOURCE_DIR}/cmake/WriteMigrations.cmake
    DEPENDS ${sql_files} ${CMAKE_SOURCE_DIR}/cmake/WriteMigrations.cmake
    COMMENT "Embedding ${backend} migrations")
  set(${out_var} ${out} PARENT_SCOPE)
endfunction()
