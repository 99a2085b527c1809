# Included from tests/CMakeLists.txt. Keras' loss rules, read from Keras' own source into
# tests/labels/loss_cases.json: dimsum's check of labels against a model's output under a loss
# must agree with every row. Skipped (77) while dimsum has no --labels option. Needs numpy,
# hence Debian's python3.
add_test(NAME loss_table
         COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/tests/labels/loss_table_test.py $<TARGET_FILE:dimsum>)
set_tests_properties(loss_table PROPERTIES SKIP_RETURN_CODE 77)
